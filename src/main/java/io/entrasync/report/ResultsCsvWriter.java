package io.entrasync.report;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;

/** Streams {@code <file>.results.csv}: a header, then one line per input record. Opens in Excel as UTF-8. */
public final class ResultsCsvWriter implements AutoCloseable {

    public static final String[] HEADER = {"line", "externalId", "outcome", "detail"};

    private final CsvWriter csv;

    public ResultsCsvWriter(OutputStream out) {
        OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
        csv.writeRecord(HEADER);
    }

    public void write(ResultLine line) {
        csv.writeRecord(Long.toString(line.position()), nullToEmpty(line.externalId()), line.outcome().label(),
                nullToEmpty(line.detail()));
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
