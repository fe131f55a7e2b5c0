package io.entrasync.sync.references;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record rejected because a reference in it named no known record, kept in the form it was last read so that a
 * later read can send it once the record it names is known (its HR record may never change again, so an incremental
 * read would never carry it).
 *
 * @param id the record's id field (its externalId)
 * @param location where it was last read ({@code page 3, record 12}), for the report
 * @param values the record as last read, flattened, references untranslated
 * @param reads the reads it has been rejected in so far
 * @param resent it went into a spool with its reference translated, and that spool's run has not completed yet:
 *        until it has, it stays here and a later read sends it again
 */
public record WaitingRecord(String id, String location, Map<String, String> values, int reads, boolean resent) {

    public WaitingRecord {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    WaitingRecord rejectedAgain() {
        return new WaitingRecord(id, location, values, reads + 1, false);
    }

    WaitingRecord sent() {
        return new WaitingRecord(id, location, values, reads, true);
    }
}
