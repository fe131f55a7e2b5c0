package io.entrasync.validate;

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

    record Valid(ScimUser user) implements ExtractOutcome {
        @Override
        public long position() {
            return user.sourcePosition();
        }

        @Override
        public String externalId() {
            return user.externalId();
        }
    }

    record Rejected(RejectedRecord record) implements ExtractOutcome {
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
