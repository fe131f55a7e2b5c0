package io.entrasync.mapping;

import java.time.Instant;
import java.util.List;

import io.entrasync.scim.ScimUser;

/**
 * What {@link Mapping#map} made of one record: a complete user, or the reasons it cannot be one.
 *
 * @param user the user when the record is valid, else {@code null}
 * @param externalId the record's externalId when it could be read (also for invalid records), else {@code null}
 * @param errors empty for a valid record
 * @param changesAt when the mapped result can next change with no change in the record (it compared a date with
 *        {@code today}), or {@code null} when it cannot
 * @param held why a valid user is not sent yet ({@code options.preHire}: "held until 2027-03-23 (pre-hire) …"), or
 *        {@code null} when it may be sent now
 */
public record MappingResult(ScimUser user, String externalId, List<FieldError> errors, Instant changesAt,
        String held) {

    public MappingResult {
        errors = List.copyOf(errors);
    }

    /** A result that does not depend on the date. */
    public MappingResult(ScimUser user, String externalId, List<FieldError> errors) {
        this(user, externalId, errors, null, null);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }
}
