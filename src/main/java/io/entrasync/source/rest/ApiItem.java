package io.entrasync.source.rest;

import io.entrasync.source.SourceRecord;

/**
 * One entry of an HR API read, in order: either a record to hand on, or an entry that could not become one. Every
 * entry the API returned becomes exactly one item, so nothing is dropped silently.
 */
public sealed interface ApiItem {

    /** Running number of the entry in this read (1-based). */
    long position();

    /** For people: {@code "page 3, record 7"}. */
    String location();

    /** A well-formed record, flattened to column → text. */
    record Read(SourceRecord record) implements ApiItem {
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
     * An entry that is not a usable record (not a JSON object, no id, its details could not be fetched).
     *
     * @param externalId the entry's id when it has one, for the report; never other personal data
     * @param reason     what is wrong and what to do, starting with the source name and location
     */
    record Malformed(long position, String location, String externalId, String reason) implements ApiItem {
    }
}
