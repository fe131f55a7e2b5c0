package io.entrasync.scim;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One complete SCIM user as it goes into a BulkRequest operation's {@code data}: {@code schemas}, {@code externalId},
 * {@code active}, core attributes, the enterprise extension and any custom namespaces.
 *
 * @param externalId the source anchor (employee id), also present in {@code data}
 * @param sourcePosition where the record came from (CSV line number, or the record's position in an API read)
 * @param data the user's JSON; treat as immutable once built
 */
public record ScimUser(String externalId, long sourcePosition, ObjectNode data) {

    /** The externalId of this user's manager, when the enterprise extension names one. */
    public Optional<String> managerExternalId() {
        JsonNode value = data.path(ScimSchemas.ENTERPRISE_USER).path("manager").path("value");
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }
}
