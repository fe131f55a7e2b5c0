package io.entrasync.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.entrasync.reconcile.RecordState.Status;
import io.entrasync.report.RecordOutcome;

/**
 * Step 1 of a pass: matches provisioning-log entries to sends, one job at a time. Reads the job's entries once, from
 * the oldest waiting send (minus the clock skew) or the last read's start minus the overlap, whichever is later,
 * and gives each waiting send, oldest first, the first change of its externalId at or after the send (minus the
 * clock skew) that no send of any source has claimed; the later changes of the same externalId in the same cycle
 * refine that verdict and are claimed with it. One matcher serves one pass.
 */
final class LogMatcher {

    private final ReconcileSettings settings;
    private final ReconcileMetrics metrics;
    private final Clock clock;
    private final PassContext pass;
    private final ProvisioningLogReader reader;
    /** Changes matched in this pass (or before, by the runs loaded): no other send may take them. */
    private final Set<String> claimedHere = new HashSet<>();

    LogMatcher(ReconcileSettings settings, ReconcileMetrics metrics, Clock clock, PassContext pass,
            ProvisioningLogReader reader, Collection<LoadedRun> runs) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.pass = pass;
        this.reader = reader;
        runs.forEach(run -> run.records.values().forEach(record -> claimedHere.addAll(record.changeIds())));
        claimedHere.addAll(pass.watermarks.claims().keySet()); // claims written per source before they were per job
    }

    /** A send still looking for its change; a foreign one belongs to another source and is decided by its pass. */
    private record Pending(LoadedRun run, RecordState record, boolean foreign) {
    }

    /**
     * Reads the job's entries once and matches them to the waiting sends of {@code jobRuns}.
     *
     * @param foreignRuns the open runs other sources sent through the job (read only: an older send of the same
     *        externalId gets its pick first)
     * @return the entries read
     */
    long match(String jobId, List<LoadedRun> jobRuns, List<LoadedRun> foreignRuns, ReconcileStore.JobClaims claims)
            throws InterruptedException {
        Instant readStart = clock.instant();
        Map<String, ServiceChange> changes = new HashMap<>();
        long read = reader.read(pass.upload.target().graphUrl(), pass.upload.target().apiVersion(), jobId,
                readWindowStart(jobId, jobRuns, readStart), settings.pageSize(), pass.logStats, entry -> changes
                        .computeIfAbsent(entry.changeId(), id -> new ServiceChange(id, entry.externalId()))
                        .add(entry));
        pass.watermarks.jobs().put(jobId, readStart);
        Map<String, List<ServiceChange>> byRecord = new HashMap<>();
        for (ServiceChange change : changes.values()) {
            byRecord.computeIfAbsent(change.externalId(), id -> new ArrayList<>()).add(change);
        }
        byRecord.values().forEach(list -> list.sort(Comparator.comparing(ServiceChange::time)));
        List<Pending> waitingSends = new ArrayList<>();
        jobRuns.forEach(run -> run.waiting().forEach(record -> waitingSends.add(new Pending(run, record, false))));
        foreignRuns.forEach(run -> run.pending().forEach(record -> waitingSends.add(new Pending(run, record, true))));
        foreignRuns.forEach(run -> run.records.values().forEach(record -> claimedHere.addAll(record.changeIds())));
        waitingSends.sort(Comparator.comparing(p -> p.record.sentAt()));
        for (Pending waiting : waitingSends) {
            matchSend(waiting, byRecord.getOrDefault(waiting.record.externalId(), List.of()), claims);
        }
        return read;
    }

    /**
     * Where the job's log read starts: the oldest waiting send minus the clock skew, or the last read's start minus
     * the overlap when that is later; but never after a held change's send (a held change must be read again).
     */
    private Instant readWindowStart(String jobId, List<LoadedRun> jobRuns, Instant readStart) {
        Instant from = jobRuns.stream().flatMap(run -> run.waiting().stream()).map(RecordState::sentAt)
                .min(Comparator.naturalOrder()).orElse(readStart).minus(settings.clockSkew());
        Instant watermark = pass.watermarks.jobs().get(jobId);
        if (watermark != null && watermark.minus(settings.overlap()).isAfter(from)) {
            from = watermark.minus(settings.overlap());
        }
        Instant held = jobRuns.stream().flatMap(run -> run.pending().stream())
                .filter(record -> record.heldChange() != null).map(RecordState::sentAt).min(Comparator.naturalOrder())
                .map(sent -> sent.minus(settings.clockSkew())).orElse(from);
        return held.isBefore(from) ? held : from;
    }

    private void matchSend(Pending waiting, List<ServiceChange> candidates, ReconcileStore.JobClaims claims) {
        Instant earliest = waiting.record.sentAt().minus(settings.clockSkew());
        ServiceChange first = null;
        OutcomeRules.Verdict verdict = null;
        List<String> taken = new ArrayList<>();
        for (ServiceChange change : candidates) {
            if (change.time().isBefore(earliest) || claims.taken(change.changeId())
                    || claimedHere.contains(change.changeId())) {
                continue;
            }
            if (first == null) {
                first = change;
                verdict = change.verdict();
            } else if (first.cycleId() != null && first.cycleId().equals(change.cycleId())) {
                verdict = OutcomeRules.refine(verdict, change.verdict());
            } else {
                continue;
            }
            taken.add(change.changeId());
            claimedHere.add(change.changeId());
            if (!waiting.foreign) {
                claims.claim(change.changeId(), change.time(), pass.source, waiting.record.externalId());
            }
        }
        if (first == null || waiting.foreign) {
            return;
        }
        boolean late = waiting.record.outcome() == RecordOutcome.UNCONFIRMED;
        if (!late && verdict.outcome() == RecordOutcome.WARNING && verdict.unresolvedReference() != null
                && !heldLongEnough(waiting.record, first.changeId(), pass.now)) {
            // The follow-up that sets the manager comes seconds after the entry and may not be visible yet.
            taken.forEach(id -> claims.claims().remove(id));
            waiting.run.update(first.changeId().equals(waiting.record.heldChange()) ? waiting.record
                    : waiting.record.holding(first.changeId(), pass.now));
            return;
        }
        if (verdict.outcome() == RecordOutcome.WARNING && verdict.unresolvedReference() != null) {
            verdict = withManagerFailure(verdict, waiting.run);
        }
        verdict = OutcomeRules.madeByMapping(verdict, waiting.run.run.ruleOrigins());
        RecordState after = decide(waiting.record, verdict, taken, late);
        waiting.run.update(after);
        if (after.done()) {
            pass.decided(after.outcome());
            metrics.outcome(pass.source, after.outcome(), Duration.between(after.sentAt(), pass.now));
        }
    }

    /**
     * A skipped manager whose own send in the same run failed at the service, or who was not sent at all (rejected by
     * validation, {@code LedgerRun.managersNotSent}): the warning names that. Only the run's own states and its ledger
     * entry are looked at (map look-ups, no blob read).
     */
    private static OutcomeRules.Verdict withManagerFailure(OutcomeRules.Verdict warning, LoadedRun run) {
        RecordState manager = run.records.get(warning.unresolvedReference());
        String notSent = run.run.managersNotSent().get(warning.unresolvedReference());
        if (manager == null && notSent != null) {
            return OutcomeRules.managerNotSent(warning, notSent);
        }
        if (manager == null || manager.outcome() != RecordOutcome.SERVICE_FAILED) {
            return warning;
        }
        String outcome = manager.outcome().label() + (manager.errorCode() == null ? "" : " " + manager.errorCode());
        return OutcomeRules.managerFailed(warning, outcome, manager.detail());
    }

    /**
     * Whether a change that shows a skipped manager has been held long enough to decide it: seen in an earlier pass
     * at least {@link ReconcileSettings#FOLLOW_UP_HOLD} ago.
     */
    private static boolean heldLongEnough(RecordState record, String changeId, Instant now) {
        return changeId.equals(record.heldChange()) && record.heldSince() != null
                && !record.heldSince().plus(ReconcileSettings.FOLLOW_UP_HOLD).isAfter(now);
    }

    private RecordState decide(RecordState record, OutcomeRules.Verdict verdict, List<String> changeIds,
            boolean late) {
        Instant now = pass.now;
        String earlier = record.earlierAction() != null ? record.earlierAction() : verdict.achievedAction();
        String lateNote = late ? " Its provisioning-log entry appeared after the record had been reported"
                + " unconfirmed; this line is corrected." : "";
        boolean failed = verdict.outcome() == RecordOutcome.SERVICE_FAILED;
        // A failure or a reference the service skipped (warning) that a re-send can fix goes out again.
        boolean fixable = (failed || (verdict.outcome() == RecordOutcome.WARNING && verdict.errorCode() != null))
                && settings.resendable(verdict.errorCode(), verdict.errorCategory());
        if (fixable && record.attempt() < settings.maxAttempts() && !late) {
            return record.decidedBy(Status.RESEND, verdict.outcome(), verdict.detail(), verdict.errorCode(), changeIds,
                    earlier, now);
        }
        if (failed || fixable) {
            String last = fixable
                    ? " Sent " + record.attempt() + " time(s)" + (late ? ""
                    : ", the limit (sync.reconcile.max-attempts)")
                      + "; not sent again."
                      + (ReconcileSettings.UNRESOLVED_REFERENCE.equals(verdict.errorCode())
                              ? " Make sure the manager's record is sent (and succeeds) through this job." : "")
                    : OutcomeRules.isConflict(verdict)
                    ? " Final: not sent again; the next extract sends it again once the value is unique."
                    : " Final: fix the record in the source data; the next extract sends it again.";
            return record.decidedBy(Status.FINAL, verdict.outcome(), verdict.detail() + last + lateNote,
                    verdict.errorCode(), changeIds, earlier, now);
        }
        RecordOutcome outcome = verdict.outcome();
        String detail = verdict.detail();
        if (record.attempt() > 1) {
            if ("create".equals(earlier) && outcome == RecordOutcome.UPDATED_DISABLED) {
                outcome = RecordOutcome.CREATED_DISABLED;
                detail = "created in Entra ID, disabled; completed by re-send " + (record.attempt() - 1) + ": "
                        + detail;
            } else if ("create".equals(earlier)
                    && (outcome == RecordOutcome.UPDATED || outcome == RecordOutcome.SKIPPED)) {
                outcome = RecordOutcome.CREATED;
                detail = "created in Entra ID; completed by re-send " + (record.attempt() - 1) + ": " + detail;
            } else {
                detail = detail + "; after " + (record.attempt() - 1) + " re-send(s)";
            }
        }
        return record.decidedBy(Status.FINAL, outcome, detail + lateNote, verdict.errorCode(), changeIds, earlier, now);
    }
}
