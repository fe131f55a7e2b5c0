package io.entrasync.validate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.entrasync.mapping.FieldError;

/**
 * Streams {@code rejected.csv}: {@code line,externalId,field,reason}, one line per reason a record was rejected
 * (a record with two problems has two lines). UTF-8 with a byte-order mark so Excel shows names correctly.
 */
public final class RejectedCsvWriter implements AutoCloseable {

    public static final String[] HEADER = {"line", "externalId", "field", "reason"};

    private final CsvWriter csv;

    public RejectedCsvWriter(OutputStream out) {
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF)
                .build(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        csv.writeRecord(HEADER);
    }

    public void write(RejectedRecord record) {
        for (FieldError error : record.errors()) {
            csv.writeRecord(Long.toString(record.position()), record.externalId(), error.field(),
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
