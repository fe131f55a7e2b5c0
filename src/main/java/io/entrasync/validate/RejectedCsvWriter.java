package io.entrasync.validate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.entrasync.mapping.FieldError;
import io.entrasync.report.SafeCsv;

/**
 * Streams {@code rejected.csv}: {@code line,externalId,field,reason}, one line per reason a record was rejected
 * (a record with two problems has two lines). Written by the {@link SafeCsv} rule (UTF-8 with BOM, no cell Excel
 * would run as a formula), like results.csv.
 */
public final class RejectedCsvWriter implements AutoCloseable {

    public static final List<String> HEADER = List.of("line", "externalId", "field", "reason");

    private final CsvWriter csv;

    public RejectedCsvWriter(OutputStream out) {
        this.csv = SafeCsv.writer(out);
        csv.writeRecord(HEADER);
    }

    public void write(RejectedRecord record) {
        for (FieldError error : record.errors()) {
            SafeCsv.writeRecord(csv, Long.toString(record.position()), record.externalId(), error.field(),
                    error.reason().label() + ": " + error.message());
        }
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
