package io.entrasync.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CsvRecordSourceTest {

    private static final String SIMPLE = "id,name,city\n1,Zoë,Malmö\n2,Łukasz,Kraków\n";

    @Test
    void readsUtf8WithoutBomAndNumbersRecordsByLine() {
        List<SourceRow> rows = readAll(bytes(SIMPLE, StandardCharsets.UTF_8), ExtractOptions.defaults());
        assertThat(parsed(rows)).extracting(SourceRecord::position, r -> r.get("name"), r -> r.get("city"))
                .containsExactly(Tuple.tuple(2L, "Zoë", "Malmö"),
                        Tuple.tuple(3L, "Łukasz", "Kraków"));
        assertThat(parsed(rows).get(0).location()).isEqualTo("line 2");
    }

    @Test
    void readsUtf8WithBom() {
        byte[] content = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes(SIMPLE,
                StandardCharsets.UTF_8));
        try (CsvRecordSource source = open(content, ExtractOptions.defaults())) {
            assertThat(source.columns()).containsExactly("id", "name", "city");
            assertThat(source.describeEncoding()).startsWith("UTF-8 (BOM)");
            assertThat(((SourceRow.Parsed) source.next()).record().get("id")).isEqualTo("1");
        }
    }

    @Test
    void readsUtf16LittleAndBigEndianWithBom() {
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, bytes(SIMPLE, StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, bytes(SIMPLE, StandardCharsets.UTF_16BE));
        for (byte[] content : List.of(le, be)) {
            List<SourceRow> rows = readAll(content, ExtractOptions.defaults());
            assertThat(parsed(rows)).extracting(r -> r.get("name")).containsExactly("Zoë", "Łukasz");
        }
    }

    @Test
    void readsALegacyCharsetWhenConfigured() {
        byte[] content = bytes("id;name\n1;Müller\n2;Øster\n", Charset.forName("windows-1252"));
        List<SourceRow> rows = readAll(content, ExtractOptions.defaults().withCharset(Charset.forName("windows-1252")));
        assertThat(parsed(rows)).extracting(r -> r.get("name")).containsExactly("Müller", "Øster");
    }

    @Test
    void bytesNotValidInTheCharsetMakeThatRowMalformedAndTheRestStillReads() {
        byte[] content = bytes("id;name\n1;Müller\n2;Smith\n", Charset.forName("windows-1252"));
        List<SourceRow> rows = readAll(content, ExtractOptions.defaults());
        assertThat(rows.get(0)).isInstanceOfSatisfying(SourceRow.Malformed.class, malformed -> {
            assertThat(malformed.position()).isEqualTo(2);
            assertThat(malformed.reason()).contains("column 'name'", "not valid UTF-8", "--charset windows-1252");
        });
        assertThat(rows.get(1)).isInstanceOf(SourceRow.Parsed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "\t", "|"})
    void detectsTheDelimiterFromTheHeader(String delimiter) {
        String csv = "id,name,note\n1,Ann,\"a, b; c| d\"\n".replace(",", delimiter)
                .replace("a" + delimiter + " b", "a, b");
        try (CsvRecordSource source = open(bytes(csv, StandardCharsets.UTF_8), ExtractOptions.defaults())) {
            assertThat(source.delimiter()).isEqualTo(delimiter.charAt(0));
            assertThat(source.columns()).containsExactly("id", "name", "note");
            assertThat(((SourceRow.Parsed) source.next()).record().get("name")).isEqualTo("Ann");
        }
    }

    @Test
    void blankLinesAreSkippedAndHeaderNamesAndValuesTrimmed() {
        String csv = "\n  id , name \n\n1,  Ann  \n   \n2,Bob\n\n";
        try (CsvRecordSource source = open(bytes(csv, StandardCharsets.UTF_8), ExtractOptions.defaults())) {
            assertThat(source.columns()).containsExactly("id", "name");
        }
        List<SourceRecord> records = parsed(readAll(bytes(csv, StandardCharsets.UTF_8), ExtractOptions.defaults()));
        assertThat(records).extracting(SourceRecord::position, r -> r.get("name"))
                .containsExactly(Tuple.tuple(4L, "Ann"),
                        Tuple.tuple(6L, "Bob"));
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsReportedWithItsLineAndReadingGoesOn() {
        String csv = "id,name,city\n1,Ann,Oslo\n2,Bob\n3,Cy,Rome,extra\n4,Di,Pisa\n";
        List<SourceRow> rows = readAll(bytes(csv, StandardCharsets.UTF_8), ExtractOptions.defaults());
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).isInstanceOfSatisfying(SourceRow.Malformed.class, malformed -> {
            assertThat(malformed.location()).isEqualTo("line 3");
            assertThat(malformed.reason()).contains("2 fields, the header has 3");
            assertThat(malformed.partialValues()).containsEntry("id", "2");
        });
        assertThat(rows.get(2)).isInstanceOfSatisfying(SourceRow.Malformed.class,
                malformed -> assertThat(malformed.reason()).contains("4 fields, the header has 3"));
        assertThat(parsed(rows)).extracting(SourceRecord::position).containsExactly(2L, 5L);
    }

    @Test
    void theMicrosoftSampleReadsAllItsRows() {
        ExtractInput input = ExtractInput.of(Path.of("samples/extracts/csv-with-1000-records.csv"));
        try (ExtractReader reader = ExtractReader.open(input)) {
            assertThat(reader.columns()).hasSize(24).startsWith("WorkerID", "WorkerStatus");
            long parsed = 0;
            long last = 0;
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                assertThat(row).isInstanceOf(SourceRow.Parsed.class);
                parsed++;
                last = row.position();
            }
            assertThat(parsed).isEqualTo(1000);
            assertThat(last).isEqualTo(1001);
        }
    }

    @Test
    void theRowMapIsAReadOnlyViewByColumnName() {
        SourceRecord record = parsed(readAll(bytes(SIMPLE, StandardCharsets.UTF_8), ExtractOptions.defaults())).get(0);
        assertThat(record.values()).containsExactly(Map.entry("id", "1"), Map.entry("name", "Zoë"),
                Map.entry("city", "Malmö"));
        assertThat(record.values().containsKey("nope")).isFalse();
    }

    static List<SourceRow> readAll(byte[] content, ExtractOptions options) {
        List<SourceRow> rows = new ArrayList<>();
        try (CsvRecordSource source = open(content, options)) {
            for (SourceRow row = source.next(); row != null; row = source.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    static CsvRecordSource open(byte[] content, ExtractOptions options) {
        return CsvRecordSource.open(ExtractInput.ofBytes("test.csv", content).withOptions(options));
    }

    static List<SourceRecord> parsed(List<SourceRow> rows) {
        return rows.stream().filter(SourceRow.Parsed.class::isInstance).map(r -> ((SourceRow.Parsed) r).record())
                .toList();
    }

    static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
