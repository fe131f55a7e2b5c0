package io.entrasync.validate;

import java.util.List;
import java.util.stream.Collectors;

import io.entrasync.mapping.FieldError;
import io.entrasync.mapping.RejectionReason;

/**
 * An input record that will not be uploaded, and every reason why.
 *
 * @param position the line where the record starts (CSV) or its row/record number
 * @param location for people: {@code "line 12"}, {@code "lines 12-14"}, {@code "row 7"}
 * @param externalId the record's externalId when it could be read, else an empty string
 * @param errors at least one; each names the SCIM attribute (or {@code row}), the rule and the details
 */
public record RejectedRecord(long position, String location, String externalId, List<FieldError> errors) {

    public RejectedRecord {
        externalId = externalId == null ? "" : externalId;
        errors = List.copyOf(errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a rejected record needs a reason");
        }
    }

    /** The first error's field, for one-line reports. */
    public String field() {
        return errors.get(0).field();
    }

    /** The first error's rule. */
    public RejectionReason reason() {
        return errors.get(0).reason();
    }

    /** All errors in one line: {@code "externalId: duplicate ...; active: 'x' is not ..."}. */
    public String describe() {
        return errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
    }
}
