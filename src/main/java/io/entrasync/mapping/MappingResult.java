package io.entrasync.mapping;

import java.util.List;

import io.entrasync.scim.ScimUser;

/**
 * What {@link Mapping#map} made of one record: a complete user, or the reasons it cannot be one.
 *
 * @param user the user when the record is valid, else {@code null}
 * @param externalId the record's externalId when it could be read (also for invalid records), else {@code null}
 * @param errors empty for a valid record
 */
public record MappingResult(ScimUser user, String externalId, List<FieldError> errors) {

    public MappingResult {
        errors = List.copyOf(errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }
}
