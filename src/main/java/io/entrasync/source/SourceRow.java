package io.entrasync.source;

import java.util.Map;

/**
 * One entry of any source, in the order it was read: a readable record, or an entry that cannot become one. An
 * {@link ExtractReader} yields one per data row of a file; an HR API read ({@code source.rest.ApiRead}) one per entry
 * the API returned. Every entry becomes exactly one row, so nothing is dropped silently.
 */
public sealed interface SourceRow {

    /** Where the entry starts: the CSV line number, spreadsheet row number or running number of an API entry. */
    long position();

    /** For people: {@code "line 12"}, {@code "lines 12-15"} or {@code "page 3, record 7"}. */
    String location();

    /** A record: a row with exactly one value per column, or an API entry flattened to column → text. */
    record Parsed(SourceRecord record) implements SourceRow {
        @Override
        public long position() {
            return record.position();
        }

        @Override
        public String location() {
            return record.location();
        }
    }

    /**
     * An entry that cannot be read as a record (wrong number of fields, unclosed quote, bytes not valid in the
     * charset; an API entry that is not a JSON object, has no id or whose details could not be fetched). It still
     * counts as an input record and must end in a rejection.
     *
     * @param position where the entry starts
     * @param location for people, {@code "line 12"}, {@code "lines 12-15"} or {@code "page 2, record 60"}
     * @param reason what is wrong and what to do
     * @param partialValues the values that could be read (CSV: by column position; API: the entry's id under the id
     *        field when it has one), to name the externalId in the report; never other personal data from an API
     */
    record Malformed(long position, String location, String reason, Map<String, String> partialValues)
            implements SourceRow {

        public Malformed {
            partialValues = partialValues == null ? Map.of() : partialValues;
        }
    }
}
