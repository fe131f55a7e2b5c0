package io.entrasync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken extracts (issue 14, corpus in src/test/resources/hostile): each ends with rows or a refusal that
 * names the file, the line and the setting, in bounded memory ({@link SmallHeapReadTest} reads the large ones with a
 * 64 MB heap), never with an error from a library's internals.
 */
class HostileExtractsTest {

    static final Path CORPUS = Path.of("src/test/resources/hostile");

    @TempDir
    Path dir;

    @Test
    void aZipBombWorkbookIsRefusedNamingThePartAndTheSetting() throws IOException {
        Path bomb = HostileFiles.xlsxWithHugeCell(dir, 64L << 20);
        assertThat(Files.size(bomb)).as("small on disk").isLessThan(1 << 20);

        assertThatThrownBy(() -> readAll(ExtractInput.of(bomb)))
                .isInstanceOf(ExtractException.class)
                .hasMessageContaining(bomb.toString())
                .hasMessageContaining("xl/worksheets/sheet1.xml")
                .hasMessageContaining("sync.sources.<source>.extract.max-cell-length")
                .hasMessageContaining("row element 2");
    }

    @Test
    void aWorkbookPastThePartSizeLimitIsRefused() throws IOException {
        Path big = HostileFiles.xlsxWithRows(dir, "big.xlsx", true, 20_000);
        ExtractInput input = ExtractInput.of(big).withOptions(ExtractOptions.defaults()
                .withLimits(new ExtractLimits(32_767, 1 << 20, 1 << 20, 1 << 20)));

        assertThatThrownBy(() -> readAll(input))
                .isInstanceOf(ExtractException.class)
                .hasMessageContaining("unpacks to more than 1048576 bytes")
                .hasMessageContaining("extract.max-part-size");
    }

    @Test
    void aCellPastTheCellLimitRejectsItsRowAndTheRestIsRead() throws IOException {
        Path workbook = HostileFiles.xlsxWithHugeCell(dir, 40_000);
        ExtractInput input = ExtractInput.of(workbook).withOptions(ExtractOptions.defaults()
                .withLimits(new ExtractLimits(50_000, 1 << 20, 1 << 30, 1 << 20)));
        // the part check allows 6 bytes per character: 40,000 'A's pass it; the cell limit is then 50,000 ...
        assertThat(readAll(input)).hasSize(2);

        ExtractInput strict = ExtractInput.of(workbook).withOptions(ExtractOptions.defaults()
                .withLimits(new ExtractLimits(10_000, 1 << 20, 1 << 30, 1 << 20)));
        // ... at 10,000 the part check (6 bytes a character) lets it through, and the row is rejected.
        List<SourceRow> rows = readAll(strict);
        assertThat(rows).hasSize(2);
        assertThat(((SourceRow.Malformed) rows.get(0)).reason()).contains("column 'WorkerID' holds 40000 characters")
                .contains("extract.max-cell-length");
        assertThat(((SourceRow.Parsed) rows.get(1)).record().get("WorkerID")).isEqualTo("1003");
    }

    @Test
    void aWorkbookWithoutStylesIsReadWithoutNumberFormats() throws IOException {
        Path plain = HostileFiles.xlsxWithRows(dir, "no-styles.xlsx", false, 3);

        List<SourceRow> rows = readAll(ExtractInput.of(plain));

        assertThat(rows).hasSize(3).allMatch(row -> row instanceof SourceRow.Parsed);
        assertThat(((SourceRow.Parsed) rows.get(0)).record().get("UPN")).isEqualTo("u2@contoso.com");
    }

    @Test
    void aZipThatIsNoWorkbookIsRefusedWithTheReason() {
        assertThatThrownBy(() -> readAll(ExtractInput.of(CORPUS.resolve("not-a-workbook.xlsx"))))
                .isInstanceOf(ExtractException.class)
                .hasMessageContaining("not-a-workbook.xlsx")
                .hasMessageContaining("not an Excel workbook");
    }

    @Test
    void anXlsFileAndACsvFileNamedXlsxAreNamedAsSuch() {
        assertThatThrownBy(() -> readAll(ExtractInput.of(CORPUS.resolve("xls-97-2003.xlsx"))))
                .isInstanceOf(ExtractException.class).hasMessageContaining("Excel 97-2003 (.xls)");
        assertThatThrownBy(() -> readAll(ExtractInput.of(CORPUS.resolve("csv-named-xlsx.xlsx"))))
                .isInstanceOf(ExtractException.class).hasMessageContaining("looks like text");
    }

    @Test
    void aWorkbookWithoutALocalFileIsCopiedOnceNotHeldInMemory() throws IOException {
        Path plain = HostileFiles.xlsxWithRows(dir, "blob.xlsx", true, 5);
        ExtractInput blob = ExtractInput.of("hr/blob.xlsx", () -> Files.newInputStream(plain));

        assertThat(readAll(blob)).hasSize(5);
    }

    @Test
    void aCsvRowPastTheRowLimitIsOneRejectedRowAndTheRestIsRead() throws IOException {
        Path file = HostileFiles.csvWithLongRow(dir, (1 << 20) + 10);

        List<SourceRow> rows = readAll(ExtractInput.of(file));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isInstanceOf(SourceRow.Parsed.class);
        SourceRow.Malformed longRow = (SourceRow.Malformed) rows.get(1);
        assertThat(longRow.position()).isEqualTo(3);
        assertThat(longRow.reason()).contains("longer than 1048576 characters").contains("extract.max-row-length");
        assertThat(rows.get(2)).isInstanceOf(SourceRow.Parsed.class);
        assertThat(rows.get(2).position()).isEqualTo(4);
        assertThat(((SourceRow.Parsed) rows.get(2)).record().get("WorkerID")).isEqualTo("1003");
    }

    @Test
    void aCsvCellPastTheCellLimitRejectsItsRowNamingTheColumn() throws IOException {
        Path file = HostileFiles.csvWithLongCell(dir, 40_000);

        List<SourceRow> rows = readAll(ExtractInput.of(file));

        assertThat(rows).hasSize(3);
        SourceRow.Malformed longCell = (SourceRow.Malformed) rows.get(1);
        assertThat(longCell.location()).isEqualTo("line 3");
        assertThat(longCell.reason()).contains("column 'Name' holds 40000 characters")
                .contains("extract.max-cell-length");
        assertThat(longCell.partialValues().get("WorkerID")).isEqualTo("1002");
        assertThat(rows.get(2).position()).isEqualTo(4);
    }

    @Test
    void utf16WithoutBomIsNamedBeforeAnyColumnIsLookedAt() {
        assertThatThrownBy(() -> readAll(ExtractInput.of(CORPUS.resolve("utf16le-without-bom.csv"))))
                .isInstanceOf(ExtractException.class)
                .hasMessageContaining("utf16le-without-bom.csv")
                .hasMessageContaining("UTF-16LE text without a byte-order mark");
    }

    @Test
    void binaryGarbageIsNamedAsNotText() {
        assertThatThrownBy(() -> readAll(ExtractInput.of(CORPUS.resolve("binary-garbage.csv"))))
                .isInstanceOf(ExtractException.class)
                .hasMessageContaining("binary-garbage.csv is not a text file");
    }

    @Test
    void aSpoolLinePastTheRowLimitIsOneRejectedRecordAndTheRestIsRead() throws IOException {
        Path spool = dir.resolve("spool.jsonl");
        StringBuilder huge = new StringBuilder(
                "{\"position\":2,\"location\":\"page 1, record 2\",\"values\":{\"id\":\"");
        huge.append("z".repeat(2 << 20)).append("\"}}");
        Files.writeString(spool, "{\"position\":1,\"location\":\"page 1, record 1\",\"values\":{\"id\":\"a\"}}\n"
                + huge + "\n{\"position\":3,\"location\":\"page 1, record 3\",\"values\":{\"id\":\"c\"}}\n",
                StandardCharsets.UTF_8);

        List<SourceRow> rows = readAll(ExtractInput.of(spool).withOptions(ExtractOptions.defaults()
                .withFormat(ExtractFormat.JSONL)));

        assertThat(rows).hasSize(3);
        assertThat(((SourceRow.Malformed) rows.get(1)).reason()).contains("line 2 holds").contains("max-row-length");
        assertThat(((SourceRow.Parsed) rows.get(2)).record().get("id")).isEqualTo("c");
    }

    static List<SourceRow> readAll(ExtractInput input) {
        List<SourceRow> rows = new ArrayList<>();
        try (ExtractReader reader = ExtractReader.open(input)) {
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
