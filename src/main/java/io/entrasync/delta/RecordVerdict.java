package io.entrasync.delta;

import java.time.Instant;

/**
 * The service's final word on one send, as reconciliation learned it: what {@link FailedRecords} needs.
 *
 * @param externalId the record
 * @param sentAt when the send was accepted
 * @param failed true for service-failed or unconfirmed, false for a success (created, updated, ..., skipped)
 * @param outcome the outcome's label
 * @param detail error code or cause; empty for a success
 */
public record RecordVerdict(String externalId, Instant sentAt, boolean failed, String outcome, String detail) {
}
