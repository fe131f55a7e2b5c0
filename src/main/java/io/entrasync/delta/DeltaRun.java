package io.entrasync.delta;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.entrasync.plan.UploadPlan;
import io.entrasync.report.ResultLine;
import io.entrasync.report.RunReport;
import io.entrasync.scim.ScimUser;
import io.entrasync.validate.UniqueClaims;

/**
 * What one extract sends, against its source's snapshot. Used in this order:
 * <ol>
 * <li>{@link #classify} every valid user (send or unchanged) and {@link #present} every rejected record (so that
 * a person whose row is invalid is never taken for a leaver);</li>
 * <li>{@link #leavers()}: for a complete extract, the snapshot's records missing from it, as their last full record
 * with {@code active: false} once missing for the grace;</li>
 * <li>{@link #guard}: the mass-change guard; a held run sends nothing;</li>
 * <li>{@link #commit} after the upload: the records of the accepted calls (and only those) enter a new snapshot
 * generation.</li>
 * </ol>
 * A record enters the snapshot when the service accepts the call carrying it (202). Reconciliation later marks the
 * ones the service failed ({@link FailedRecords}); the next delta run sends those again ({@link RetryMarks}).
 * This class holds the decision per record and the guard; {@link Leavers} finds the leavers and
 * {@link SnapshotWriter} writes the new generation.
 */
public final class DeltaRun {

    /** What a valid user is to the snapshot. */
    public enum Kind {
        CREATE, UPDATE, RETRY, FULL, UNCHANGED
    }

    /** Whether to send a valid user, and why for people. */
    public record Decision(Kind kind, String detail) {
        public boolean send() {
            return kind != Kind.UNCHANGED;
        }
    }

    /**
     * What a run is compared with, decided when it is opened.
     *
     * @param base the snapshot generation the run compares the extract with
     * @param full every valid record is sent, changed or not
     * @param fullReason why, for people (empty for a delta run)
     * @param savedRetried the ids a resumed run's first attempt re-sent, or null for a fresh run
     * @param failed the failed records reconciliation marked (empty when resuming)
     * @param fullRequested a full run was requested ({@code drop --full}); the request is cleared once it runs
     * @param generationAtOpen the snapshot generation current when the run opened (a held run's verdict holds while
     *        it stays current)
     */
    record Basis(SnapshotManifest base, boolean full, String fullReason, Set<String> savedRetried,
            Map<String, FailedMark> failed, boolean fullRequested, String generationAtOpen) {
    }

    private final DeltaRuns parts;
    private final String source;
    private final String runId;
    private final String blobName;
    private final DeltaSettings settings;
    private final Basis basis;
    private final String generationAtOpen;
    private final boolean dryRun;
    private final SnapshotIndex index;
    private final RetryMarks retries;
    private final Map<String, String> sendNotes = new HashMap<>();
    private final Leavers leavers;
    private final SnapshotWriter writer;
    private final UniqueClaims claims;

    private long creates;
    private long updates;
    private long retriedCount;
    private long unchanged;
    private long rejected;
    private long unreadable;
    private List<String> holdReasons = List.of();
    private String approval = "";
    private boolean held;

    DeltaRun(DeltaRuns parts, String source, String runId, String blobName, DeltaSettings settings, Basis basis,
            boolean dryRun) {
        this.parts = parts;
        this.source = source;
        this.runId = runId;
        this.blobName = blobName;
        this.settings = settings;
        this.basis = basis;
        this.generationAtOpen = basis.generationAtOpen();
        this.dryRun = dryRun;
        this.index = SnapshotIndex.load(parts.snapshots(), basis.base());
        this.retries = new RetryMarks(basis.savedRetried(), basis.failed());
        this.leavers = new Leavers(parts.snapshots(), parts.json(), settings, basis.base(), index, retries, sendNotes);
        this.writer = new SnapshotWriter(parts, source, runId, basis.base(), basis.full(), index, leavers);
        this.claims = parts.unique().load(source);
    }

    /**
     * The unique values this source gave out (the mapping's {@code unique:} rules); pass it to the extract pipeline,
     * which adds the values it gives; {@link #commit} keeps them.
     */
    public UniqueClaims claims() {
        return claims;
    }

    /** Decides whether {@code user} is sent; marks it present. */
    public Decision classify(ScimUser user) {
        String id = user.externalId();
        long hash = SnapshotHash.ofUser(parts.json().bytes(user.data()));
        int position = index.find(id);
        if (position < 0) {
            creates++;
            return new Decision(Kind.CREATE, "create: not in the snapshot");
        }
        index.markSeen(position);
        if (index.hash(position) != hash) {
            updates++;
            return new Decision(Kind.UPDATE, index.disabled(position) ? "update: back after being disabled as a leaver"
                    : "update: changed since it was last accepted");
        }
        if (retries.shouldRetry(id)) {
            retries.retried(id);
            retriedCount++;
            String note = "sent again: its last send ended " + retries.failureOf(id);
            sendNotes.put(id, note);
            return new Decision(Kind.RETRY, note);
        }
        if (basis.full()) {
            return new Decision(Kind.FULL, "unchanged, sent by a full run (" + basis.fullReason() + ")");
        }
        unchanged++;
        return new Decision(Kind.UNCHANGED, "identical to the record the service last accepted; not sent");
    }

    /** A record of the extract that is not sent (rejected): it is still present, so it is no leaver. */
    public void present(String externalId) {
        rejected++;
        if (externalId == null || externalId.isBlank()) {
            unreadable++;
            return;
        }
        int position = index.find(externalId);
        if (position >= 0) {
            index.markSeen(position);
        }
    }

    /**
     * The leavers to disable in this run, as their last full record with {@code active: false} (source position 0:
     * they are not in the extract). Call once, after every record of the extract was classified or marked present.
     */
    public List<ScimUser> leavers() {
        return leavers.find(unreadable);
    }

    /** Lines for records missing from the extract but still within the grace (not sent), one per record. */
    public List<ResultLine> waitingLeaverLines() {
        return leavers.waitingLines();
    }

    /**
     * Why a record is sent, for its results line, when the reason is not plain (a leaver, a re-send of a failure);
     * empty for creates and updates.
     */
    public Optional<String> sendNote(String externalId) {
        return Optional.ofNullable(sendNotes.get(externalId));
    }

    /**
     * Applies the mass-change guard (skipped when resuming a plan that already passed it) and saves the plan, so
     * that a resumed attempt plans the same batches. Call before the first call.
     *
     * @param rows rows in the extract
     * @return true when the run is held: send nothing
     */
    public boolean guard(long rows) {
        if (retries.resuming()) {
            return false; // resuming a plan that passed the guard (or was approved)
        }
        holdReasons = MassChangeGuard.reasons(settings.guard(), rows, index.activeCount(), creates,
                leavers.disables());
        if (!holdReasons.isEmpty()) {
            Optional<String> approved = dryRun ? Optional.empty() : parts.state().approval(source, runId);
            held = approved.isEmpty();
            approval = approved.orElse("approve with: entra-inbound-sync approve --source " + source + " --run "
                    + runId + " (or upload the blob " + DeltaState.approvalPath(source, runId)
                    + " into the state container and drop the extract again)");
        }
        if (!dryRun) {
            parts.state().save(source, new DeltaRunRecord(runId, blobName, basis.base(), basis.full(),
                    basis.fullReason(), retries.retried(), held, holdReasons, generationAtOpen,
                    parts.clock().instant()));
            if (basis.fullRequested() && !held) {
                parts.state().clearFullRunRequest(source);
            }
        }
        return held;
    }

    public boolean held() {
        return held;
    }

    public List<String> holdReasons() {
        return holdReasons;
    }

    /** The report's plan section. */
    public RunReport.Plan summary() {
        return new RunReport.Plan(basis.full() ? "full: " + basis.fullReason() : "delta", creates, updates,
                retriedCount, unchanged, leavers.disables(), leavers.waitingCount(), rejected, index.activeCount(),
                leavers.note(), held, holdReasons, approval);
    }

    /**
     * Writes a new snapshot generation with the records of the accepted calls (their JSON as sent) and the leavers'
     * missing counts. Records of refused, deferred or unsent calls keep their previous entry, so the next run sends
     * them again. Does nothing for a held or dry run.
     *
     * @param acceptedBatches the plan's batches the service accepted, over every attempt of this run
     * @param completed the run sent every batch
     * @param finished the run is over (completed or failed for good): its saved plan is removed
     */
    public void commit(UploadPlan planned, Collection<Integer> acceptedBatches, boolean completed, boolean finished) {
        if (dryRun || held) {
            return;
        }
        writer.commit(planned, acceptedBatches, completed, finished);
        if (!claims.isEmpty()) {
            parts.unique().save(source, claims);
        }
    }
}
