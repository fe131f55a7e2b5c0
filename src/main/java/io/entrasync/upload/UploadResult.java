package io.entrasync.upload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import io.entrasync.plan.ManagerCycle;
import io.entrasync.plan.RecordRef;
import io.entrasync.report.RecordOutcome;
import io.entrasync.report.ResultLine;

/**
 * What one upload did. Every record of the batches not in {@link #alreadyDone()} is in exactly one of
 * {@link #accepted()}, {@link #failures()} or {@link #unsent()}; plan rejections (duplicates) are in
 * {@link #failures()} too.
 *
 * @param stop why the upload ended
 * @param stopDetail for people: what happened and what to do; empty when it completed
 * @param batchCount batches in the plan
 * @param alreadyDone the batches an earlier attempt finished (accepted or refused), which this upload skipped
 * @param accepted the calls the service accepted, in batch order
 * @param failures records the service refused (with its reason) or the plan left out
 * @param unsent records not sent (quota, stop on error), in plan order; a later upload sends exactly the batches
 *        that are neither in {@code alreadyDone} nor accepted nor refused here ({@link #notSentBatches()})
 * @param cycles manager loops found and how they were broken
 * @param stats calls, retries, throttles
 * @param elapsed wall time of the upload
 * @param quota the daily quota after the upload
 */
public record UploadResult(Stop stop, String stopDetail, int batchCount, SortedSet<Integer> alreadyDone,
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
        INTERRUPTED,
        /**
         * The run could no longer prove it holds its source (the lease could not be renewed): it stopped before its
         * next call so that two instances never work on one source; the next attempt resumes.
         */
        LEASE_LOST
    }

    /**
     * @param calls HTTP attempts to bulkUpload, retries included
     * @param acceptedCalls calls answered 202
     * @param retries attempts that repeated an earlier one
     * @param throttled 429 responses
     * @param tokenRefreshes tokens fetched again after a 401
     * @param fullCalls accepted calls that carried 50 operations
     * @param unanswered attempts that got no answer (reset, timeout) and were sent again: the service may have got
     *        those records twice, which is harmless (it upserts by externalId)
     * @param maxInFlight the most calls that were waiting for their answer at the same time
     */
    public record Stats(long calls, long acceptedCalls, long retries, long throttled, long tokenRefreshes,
            long fullCalls, long unanswered, int maxInFlight) {
    }

    public UploadResult {
        alreadyDone = Collections.unmodifiableSortedSet(new TreeSet<>(alreadyDone));
        accepted = List.copyOf(accepted);
        failures = List.copyOf(failures);
        unsent = List.copyOf(unsent);
        cycles = List.copyOf(cycles);
    }

    public boolean completed() {
        return stop == Stop.COMPLETED;
    }

    /** The batches neither done earlier nor accepted or refused now: what a resumed upload sends. */
    public SortedSet<Integer> notSentBatches() {
        SortedSet<Integer> left = new TreeSet<>();
        Set<Integer> finished = new HashSet<>(alreadyDone);
        accepted.forEach(call -> finished.add(call.batchIndex()));
        failures.forEach(failure -> finished.add(failure.batchIndex()));
        for (int b = 0; b < batchCount; b++) {
            if (!finished.contains(b)) {
                left.add(b);
            }
        }
        return left;
    }

    /** The first batch not finished (done earlier, accepted or refused), or {@code batchCount}. */
    public int nextBatch() {
        SortedSet<Integer> left = notSentBatches();
        return left.isEmpty() ? batchCount : left.first();
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
