package io.entrasync.mapping;

/**
 * One reason a record cannot be uploaded.
 *
 * @param field the SCIM attribute as the mapping names it ({@code externalId}, {@code name.givenName},
 *        {@code enterprise.manager.value}, {@code urn:...:User:hireDate}), or {@code row} for structural problems
 * @param reason the rule that failed
 * @param message for a person: the value (never more personal data than that field), what is wrong, what to do
 */
public record FieldError(String field, RejectionReason reason, String message) {
}
