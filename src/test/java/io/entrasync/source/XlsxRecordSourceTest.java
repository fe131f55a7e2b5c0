package io.entrasync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

class XlsxRecordSourceTest {

    @Test
    void readsTheFirstSheetWithTextNumbersAndDates() throws IOException {
        byte[] xlsx = workbook(sheet -> {
            sheet.value(0, 0, " WorkerID ");
            sheet.value(0, 1, "Name");
            sheet.value(0, 2, "HireDate");
            sheet.value(0, 3, "Active");
            sheet.value(1, 0, 1001);
            sheet.value(1, 1, "Zoë Åström");
            sheet.value(1, 2, LocalDate.of(2021, 5, 1));
            sheet.style(1, 2).format("dd.mm.yyyy").set();
            sheet.value(1, 3, true);
            // row 3 left empty: skipped
            sheet.value(3, 0, 1002.5);
            sheet.value(3, 1, "Bob");
        });
        List<SourceRow> rows = new ArrayList<>();
        try (ExtractReader reader = ExtractReader.open(ExtractInput.ofBytes("hr.xlsx", xlsx))) {
            assertThat(reader.columns()).containsExactly("WorkerID", "Name", "HireDate", "Active");
            for (SourceRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        assertThat(rows).hasSize(2);
        SourceRecord first = ((SourceRow.Parsed) rows.get(0)).record();
        assertThat(first.position()).isEqualTo(2);
        assertThat(first.location()).isEqualTo("row 2");
        assertThat(first.values()).containsEntry("WorkerID", "1001").containsEntry("Name", "Zoë Åström")
                .containsEntry("HireDate", "2021-05-01").containsEntry("Active", "true");
        SourceRecord second = ((SourceRow.Parsed) rows.get(1)).record();
        assertThat(second.position()).isEqualTo(4);
        assertThat(second.values()).containsEntry("WorkerID", "1002.5").containsEntry("HireDate", "");
    }

    @Test
    void aValueBeyondTheHeaderIsAMalformedRow() throws IOException {
        byte[] xlsx = workbook(sheet -> {
            sheet.value(0, 0, "id");
            sheet.value(1, 0, "1");
            sheet.value(1, 2, "stray");
        });
        try (ExtractReader reader = ExtractReader.open(ExtractInput.ofBytes("hr.xlsx", xlsx))) {
            assertThat(reader.next()).isInstanceOfSatisfying(SourceRow.Malformed.class,
                    malformed -> assertThat(malformed.reason()).contains("cell 3", "only 1 columns"));
        }
    }

    @Test
    void aFileThatIsNotAWorkbookFailsWithAClearMessage() {
        assertThatThrownBy(() -> ExtractReader.open(ExtractInput.ofBytes("hr.xlsx",
                "id,name\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ExtractException.class).hasMessageContaining("xlsx");
    }

    interface SheetWriter {
        void write(Worksheet sheet);
    }

    static byte[] workbook(SheetWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("HR");
        writer.write(sheet);
        workbook.finish();
        return out.toByteArray();
    }
}
