package io.entrasync.validate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.entrasync.scim.ScimUser;

/**
 * What became of one input record after reading, mapping and validation: exactly one per record, in source order.
 * A {@link Valid} user may be uploaded; a {@link Rejected} record never is, and must be reported.
 */
public sealed interface ExtractOutcome {

    /** Where the record starts in the extract (CSV line number). */
    long position();

    /** The record's externalId, or an empty string when it could not be read. */
    String externalId();

    /**
     * When the record's mapped result will next change with no change in the record (its mapping compares dates with
     * {@code today}), or {@code null}; see {@link ComingChange}.
     */
    ComingChange comingChange();

    /**
     * A record whose result changes on a date: the moment, and the record's values to map it again then.
     *
     * @param at the start of the day, in the source's time zone, from which the result can differ
     * @param values the record's columns as read
     */
    record ComingChange(Instant at, Map<String, String> values) {
        public ComingChange {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * A valid user.
     *
     * @param held why it is not sent yet (a pre-hire whose start is further ahead than the mapping's
     *        {@code options.preHire} allows: "held until …"), or {@code null}: it may be sent
     */
    record Valid(ScimUser user, ComingChange comingChange, String held) implements ExtractOutcome {
        public Valid(ScimUser user) {
            this(user, null, null);
        }

        @Override
        public long position() {
            return user.sourcePosition();
        }

        @Override
        public String externalId() {
            return user.externalId();
        }
    }

    record Rejected(RejectedRecord record, ComingChange comingChange) implements ExtractOutcome {
        public Rejected(RejectedRecord record) {
            this(record, null);
        }

        @Override
        public long position() {
            return record.position();
        }

        @Override
        public String externalId() {
            return record.externalId();
        }
    }
}
