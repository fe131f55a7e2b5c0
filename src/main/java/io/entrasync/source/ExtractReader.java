package io.entrasync.source;

import java.util.List;
import java.util.Set;

/**
 * Streams the rows of one extract, one at a time; never holds more than the current row. Close it when done.
 * <pre>{@code
 * try (ExtractReader reader = ExtractReader.open(ExtractInput.of(path))) {
 *     for (SourceRow row = reader.next(); row != null; row = reader.next()) { ... }
 * }
 * }</pre>
 */
public interface ExtractReader extends AutoCloseable {

    /**
     * Opens the extract and reads its header.
     *
     * @throws ExtractException when the file cannot be opened or its header is unusable (missing, empty or
     *         duplicate column names)
     */
    static ExtractReader open(ExtractInput input) {
        return switch (input.format()) {
            case CSV -> CsvRecordSource.open(input);
            case XLSX -> XlsxRecordSource.open(input);
            case JSONL -> JsonLinesRecordSource.open(input);
        };
    }

    /**
     * Like {@link #open(ExtractInput)}, reading only the values of {@code onlyColumns} where the format allows it
     * (CSV); other columns map to {@code null}. For a quick pass that needs one or two columns.
     */
    static ExtractReader open(ExtractInput input, Set<String> onlyColumns) {
        return switch (input.format()) {
            case CSV -> CsvRecordSource.open(input, onlyColumns);
            case XLSX -> XlsxRecordSource.open(input);
            case JSONL -> JsonLinesRecordSource.open(input);
        };
    }

    /** The column names of the header, trimmed, in file order. */
    List<String> columns();

    /** A short description of how the file is read, e.g. {@code "UTF-8 (BOM), delimiter ';'"}. */
    String describeEncoding();

    /**
     * The next data row, or {@code null} at the end of the extract.
     *
     * @throws ExtractException when the extract cannot be read any further (I/O failure)
     */
    SourceRow next();

    @Override
    void close();
}
