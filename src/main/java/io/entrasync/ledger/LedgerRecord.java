package io.entrasync.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record as it was sent in one call.
 *
 * @param externalId the source anchor; the provisioning logs' {@code sourceIdentity.id}
 * @param position the record's line (or API position) in the extract, to find it again in results.csv
 * @param attempt 1 for the run's own send, 2 and more for re-sends by reconciliation
 * @param sha256 SHA-256 (hex) of {@code user} serialized as sent
 * @param user the complete SCIM user JSON as sent: what a re-send sends again
 */
public record LedgerRecord(String externalId, long position, int attempt, String sha256, ObjectNode user) {
}
