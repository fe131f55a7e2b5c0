package io.entrasync.upload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.entrasync.graph.CallStats;
import io.entrasync.plan.DuplicateRecord;
import io.entrasync.plan.RecordRef;
import io.entrasync.plan.UploadPlan;
import io.entrasync.report.RecordOutcome;

/**
 * Collects what the service said about an upload's calls, as they are answered (from several threads), and builds
 * the {@link UploadResult}: calls and records in batch order whatever order the answers came in, the plan's
 * duplicates as rejected, every batch neither accepted nor refused as unsent.
 */
final class UploadResultBuilder {

    private final UploadPlan plan;
    private final Set<Integer> alreadyDone;
    private final List<AcceptedCall> accepted = new ArrayList<>();
    private final List<RecordFailure> refused = new ArrayList<>();
    private int fullCalls;

    UploadResultBuilder(UploadPlan plan, Set<Integer> alreadyDone) {
        this.plan = plan;
        this.alreadyDone = alreadyDone;
    }

    synchronized void accepted(AcceptedCall call) {
        accepted.add(call);
    }

    synchronized void refused(List<RecordFailure> failures) {
        refused.addAll(failures);
    }

    /** A call that carried the most operations a request may hold. */
    synchronized void fullCall() {
        fullCalls++;
    }

    /**
     * @param stats the upload's calls
     * @param maxInFlightSeen the most calls that waited for their answers at once
     * @param usage the quota after the upload, empty when it could not be read
     */
    synchronized UploadResult build(UploadResult.Stop stop, String stopDetail, CallStats stats, int maxInFlightSeen,
            Duration elapsed, Optional<DailyQuota.Usage> usage) {
        int batchCount = plan.batchCount();
        List<AcceptedCall> calls = new ArrayList<>(accepted);
        calls.sort(Comparator.comparingInt(AcceptedCall::batchIndex));
        List<RecordFailure> failures = new ArrayList<>();
        for (DuplicateRecord duplicate : plan.duplicates()) {
            failures.add(new RecordFailure(duplicate.record(), -1, RecordOutcome.REJECTED, 0, duplicate.describe()));
        }
        List<RecordFailure> refusedInOrder = new ArrayList<>(refused);
        refusedInOrder.sort(Comparator.comparingInt(RecordFailure::batchIndex));
        failures.addAll(refusedInOrder);
        Set<Integer> finished = new HashSet<>(alreadyDone);
        calls.forEach(call -> finished.add(call.batchIndex()));
        refusedInOrder.forEach(failure -> finished.add(failure.batchIndex()));
        List<RecordRef> unsent = new ArrayList<>();
        for (int b = 0; b < batchCount; b++) {
            if (!finished.contains(b)) {
                unsent.addAll(plan.recordsOfBatch(b));
            }
        }
        UploadResult.Stats summary = new UploadResult.Stats(stats.attempts(), calls.size(), stats.retries(),
                stats.throttled(), stats.tokenRefreshes(), fullCalls, stats.unanswered(), maxInFlightSeen);
        return new UploadResult(stop, stopDetail, batchCount, new TreeSet<>(alreadyDone), calls, failures, unsent,
                plan.cycles(), summary, elapsed, usage);
    }
}
