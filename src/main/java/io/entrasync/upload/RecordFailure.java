package io.entrasync.upload;

import io.entrasync.plan.RecordRef;
import io.entrasync.report.RecordOutcome;

/**
 * A record that will not reach the service in this upload, and why.
 *
 * @param record the record
 * @param batchIndex the batch that carried it, or -1 when the plan left it out (a duplicate externalId)
 * @param outcome {@link RecordOutcome#FAILED} (the service refused its call) or {@link RecordOutcome#REJECTED}
 * @param httpStatus the status of the refused call, 0 for a plan rejection
 * @param reason the service's reason and what to check
 */
public record RecordFailure(RecordRef record, int batchIndex, RecordOutcome outcome, int httpStatus, String reason) {
}
