package io.entrasync.ledger;

import java.time.Instant;
import java.util.List;

/**
 * One ledger blob: the records of one run that went out in one accepted bulkUpload call.
 *
 * @param run the run
 * @param batchIndex the batch's index in the run's plan, or -1 for a re-send
 * @param bulkIdPrefix operation {@code i} of the call had bulkId {@code bulkIdPrefix-(i+1)}
 * @param calledAt when the service accepted the call (202); log entries of these records are at or after it
 * @param httpAttempts HTTP attempts the call took (1 = no retry)
 * @param records the records, in operation order
 */
public record LedgerCall(LedgerRun run, int batchIndex, String bulkIdPrefix, Instant calledAt, int httpAttempts,
        List<LedgerRecord> records) {

    public LedgerCall {
        records = List.copyOf(records);
    }
}
