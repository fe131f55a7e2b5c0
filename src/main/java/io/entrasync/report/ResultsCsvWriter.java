package io.entrasync.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

import de.siegmar.fastcsv.writer.CsvWriter;

/**
 * Streams {@code <file>.results.csv}: a header, then one line per input record. Written by the {@link SafeCsv}
 * rule (UTF-8 with BOM, no cell Excel would run as a formula).
 */
public final class ResultsCsvWriter implements AutoCloseable {

    public static final List<String> HEADER = List.of("line", "externalId", "outcome", "detail");

    private final CsvWriter csv;
    private final Consumer<ResultLine> alsoTo;

    public ResultsCsvWriter(OutputStream out) {
        this(out, line -> { });
    }

    /** A writer that also hands every line to {@code alsoTo} (a person's trail, io.entrasync.trail). */
    public ResultsCsvWriter(OutputStream out, Consumer<ResultLine> alsoTo) {
        this.csv = SafeCsv.writer(out);
        this.alsoTo = alsoTo;
        csv.writeRecord(HEADER);
    }

    public void write(ResultLine line) {
        alsoTo.accept(line);
        SafeCsv.writeRecord(csv, Long.toString(line.position()), line.externalId(), line.outcome().label(),
                line.detail());
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
