package io.entrasync.source;

import java.util.Map;

/** What an {@link ExtractReader} yields per data row: a readable record, or a row whose structure is broken. */
public sealed interface SourceRow {

    /** Where the row starts (CSV line number, spreadsheet row number). */
    long position();

    /** A row with exactly one value per column. */
    record Parsed(SourceRecord record) implements SourceRow {
        @Override
        public long position() {
            return record.position();
        }
    }

    /**
     * A row that cannot be read as a record (wrong number of fields, unclosed quote, bytes not valid in the
     * charset). It still counts as an input record and must end in a rejection.
     *
     * @param position the line where the row starts
     * @param location for people, {@code "line 12"} or {@code "lines 12-15"}
     * @param reason what is wrong and what to do
     * @param partialValues the values that could be read by column position (may help to name the externalId)
     */
    record Malformed(long position, String location, String reason, Map<String, String> partialValues)
            implements SourceRow {
    }
}
