package io.entrasync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/** The OWASP CSV-injection rule for files people open in Excel (owasp.org/www-community/attacks/CSV_Injection). */
class SafeCsvTest {

    private static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0",
            "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1", "'=already quoted", "''+two quotes");

    @Test
    void everyFormulaTriggerIsPrefixedWithAQuoteAndReadsBackAsWritten() {
        for (String formula : FORMULAS) {
            String cell = SafeCsv.neutralise(formula);
            assertThat(cell).as(formula).startsWith("'");
            assertThat(SafeCsv.original(cell)).as(formula).isEqualTo(formula);
        }
    }

    @Test
    void ordinaryValuesStayAsTheyAre() {
        for (String value : List.of("Zoë Łukasz", "1234", "a-b", "o'Brien", "mail@example.com", "")) {
            assertThat(SafeCsv.neutralise(value)).isEqualTo(value);
            assertThat(SafeCsv.original(value)).isEqualTo(value);
        }
        assertThat(SafeCsv.neutralise(null)).isEmpty();
    }

    @Test
    void controlCharactersAreShownInsteadOfWrittenRaw() {
        assertThat(SafeCsv.neutralise("12\u000034")).isEqualTo("12\\u000034");
        assertThat(SafeCsv.neutralise("a\u001Bb\u007F")).isEqualTo("a\\u001Bb\\u007F");
        assertThat(SafeCsv.neutralise("two\nlines")).isEqualTo("two\nlines");
    }

    @Test
    void resultsCsvStartsWithTheBomAndHasNoCellThatStartsAFormula() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ResultsCsvWriter writer = new ResultsCsvWriter(out)) {
            long line = 2;
            for (String formula : FORMULAS) {
                writer.write(new ResultLine(line++, formula, RecordOutcome.REJECTED, formula));
            }
        }
        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<CsvRecord> records = new ArrayList<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(new StringReader(
                new String(bytes, StandardCharsets.UTF_8).substring(1)))) {
            csv.forEach(records::add);
        }
        assertThat(records.get(0).getFields()).containsExactlyElementsOf(ResultsCsvWriter.HEADER);
        for (CsvRecord record : records.subList(1, records.size())) {
            for (String field : record.getFields()) {
                assertThat(field).as("a cell of line %s", record.getField(0)).doesNotStartWith("=")
                        .doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t")
                        .doesNotStartWith("\r");
            }
            assertThat(SafeCsv.original(record.getField(1))).isIn(FORMULAS);
        }
    }
}
