package io.entrasync.upload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.entrasync.plan.ManagerCycle;
import io.entrasync.plan.RecordRef;
import io.entrasync.report.RecordOutcome;
import io.entrasync.report.ResultLine;

/**
 * What one upload did. Every record of the batches from {@link #startBatch()} on is in exactly one of
 * {@link #accepted()}, {@link #failures()} or {@link #unsent()}; plan rejections (duplicates) are in
 * {@link #failures()} too.
 *
 * @param stop why the upload ended
 * @param stopDetail for people: what happened and what to do; empty when it completed
 * @param batchCount batches in the plan
 * @param startBatch the first batch this upload tried
 * @param nextBatch where a later upload of the same input resumes: the first unsent batch, or {@code batchCount}
 * @param accepted the calls the service accepted, in order
 * @param failures records the service refused (with its reason) or the plan left out
 * @param unsent records not sent (quota, stop on error), in plan order; send them with {@code startBatch = nextBatch}
 * @param cycles manager loops found and how they were broken
 * @param stats calls, retries, throttles
 * @param elapsed wall time of the upload
 * @param quota the daily quota after the upload
 */
public record UploadResult(Stop stop, String stopDetail, int batchCount, int startBatch, int nextBatch,
        List<AcceptedCall> accepted, List<RecordFailure> failures, List<RecordRef> unsent, List<ManagerCycle> cycles,
        Stats stats, Duration elapsed, Optional<DailyQuota.Usage> quota) {

    /** Why an upload ended. */
    public enum Stop {
        /** Every batch was tried. */
        COMPLETED,
        /** The next call would have exceeded the daily budget; the rest waits for the next run. */
        QUOTA_EXHAUSTED,
        /** Throttled or unreachable beyond the retry limit. */
        SERVICE_UNAVAILABLE,
        /** 401 after a token refresh, 403, 404, or no token: fix the configuration and run again. */
        CONFIGURATION_ERROR,
        /** Several calls in a row were refused as bad requests: something systematic is wrong, quota is spared. */
        TOO_MANY_REJECTIONS,
        /** The thread was interrupted (shutdown). */
        INTERRUPTED
    }

    /**
     * @param calls HTTP attempts to bulkUpload, retries included
     * @param acceptedCalls calls answered 202
     * @param retries attempts that repeated an earlier one
     * @param throttled 429 responses
     * @param tokenRefreshes tokens fetched again after a 401
     * @param fullCalls accepted calls that carried 50 operations
     */
    public record Stats(long calls, long acceptedCalls, long retries, long throttled, long tokenRefreshes,
            long fullCalls) {
    }

    public UploadResult {
        accepted = List.copyOf(accepted);
        failures = List.copyOf(failures);
        unsent = List.copyOf(unsent);
        cycles = List.copyOf(cycles);
    }

    public boolean completed() {
        return stop == Stop.COMPLETED;
    }

    public long sentRecords() {
        return accepted.stream().mapToLong(call -> call.records().size()).sum();
    }

    /** One line per record: accepted, failed, rejected or deferred, in plan order (plan rejections last). */
    public List<ResultLine> resultLines() {
        List<ResultLine> lines = new ArrayList<>();
        for (AcceptedCall call : accepted) {
            String detail = "sent in call " + (call.batchIndex() + 1) + " of " + batchCount + " (bulkId "
                    + call.bulkIdPrefix() + "-n), accepted " + call.acceptedAt();
            for (RecordRef record : call.records()) {
                lines.add(new ResultLine(record.sourcePosition(), record.externalId(), RecordOutcome.ACCEPTED, detail));
            }
        }
        for (RecordFailure failure : failures) {
            lines.add(new ResultLine(failure.record().sourcePosition(), failure.record().externalId(),
                    failure.outcome(), failure.reason()));
        }
        for (RecordRef record : unsent) {
            lines.add(new ResultLine(record.sourcePosition(), record.externalId(), RecordOutcome.DEFERRED,
                    "not sent: " + stopDetail));
        }
        return lines;
    }
}
