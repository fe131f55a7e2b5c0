package io.entrasync.emulator;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A snapshot of one user in the emulator's directory, as {@code GET /_emulator/users/{externalId}} shows it.
 *
 * @param id                          the Entra object id the emulator gave the user
 * @param externalId                  the source anchor; Entra's employeeId (the matching attribute)
 * @param accountEnabled              from {@code active}
 * @param managerExternalId           the resolved manager reference, or null
 * @param unresolvedManagerExternalId the last manager reference that could not be resolved, or null
 * @param attributes                  every other attribute as last written (core at top level, extensions under their
 *        URN)
 */
public record UserView(String id, String externalId, String userName, String displayName, boolean accountEnabled,
                       String managerExternalId, String unresolvedManagerExternalId, JsonNode attributes,
                       Instant createdDateTime, Instant lastModifiedDateTime) {
}
