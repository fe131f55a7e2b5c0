package io.entrasync.delta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.state.StateStore;

/**
 * Opens the {@link DeltaRun} of an extract: loads the snapshot index, the failed records and the run's saved plan,
 * and decides whether the run is a delta or a full one. One per process; plain Java, built by the run wiring.
 */
public final class DeltaRuns {

    private final SnapshotStore snapshots;
    private final DeltaState state;
    private final FailedRecords failed;
    private final SnapshotJson json;
    private final Clock clock;
    private final DueRecords due;
    private final UniqueClaimStore unique;

    public DeltaRuns(StateStore store, ObjectMapper mapper, Clock clock) {
        this.due = new DueRecords(store, mapper);
        this.snapshots = new SnapshotStore(store, mapper);
        this.state = new DeltaState(store, mapper);
        this.failed = new FailedRecords(store, mapper);
        this.json = new SnapshotJson(mapper);
        this.clock = clock;
        this.unique = new UniqueClaimStore(store);
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    public DeltaState state() {
        return state;
    }

    /** The records whose result changes on a date, per source. */
    public DueRecords due() {
        return due;
    }

    /**
     * True when the run was held, nobody approved it yet and the snapshot has not changed since: processing it again
     * would only come to the same verdict, so the caller can stop before reading the extract.
     */
    public boolean stillHeld(String source, String runId) {
        Optional<DeltaRunRecord> record = state.openRun(source, runId);
        return record.isPresent() && record.get().held() && state.approval(source, runId).isEmpty()
                && snapshots.current(source).manifest().generation().equals(record.get().heldOnGeneration());
    }

    /**
     * The delta run of one extract.
     *
     * @param resuming true when earlier attempts of this run already made calls: the saved plan is reused so the
     *        batches are the same
     */
    public DeltaRun open(String source, String runId, String blobName, DeltaSettings settings, boolean resuming) {
        DeltaRunRecord record = state.openRun(source, runId).orElse(null);
        SnapshotStore.Current current = snapshots.current(source);
        if (resuming && record != null && !record.held()) {
            return new DeltaRun(this, source, runId, blobName, settings, new DeltaRun.Basis(record.base(),
                    record.full(), record.fullReason(), Set.copyOf(record.retried()), Map.of(), false,
                    generation(current)), false);
        }
        SnapshotManifest base = current.manifest();
        boolean requested = state.fullRunRequested(source);
        String fullReason = fullReason(settings, base, requested);
        return new DeltaRun(this, source, runId, blobName, settings, new DeltaRun.Basis(base, !fullReason.isEmpty(),
                fullReason, null, failed.load(source), requested, generation(current)), false);
    }

    /** A run that only plans ({@code plan} command): it never saves anything. */
    public DeltaRun preview(String source, DeltaSettings settings, boolean full) {
        SnapshotStore.Current current = snapshots.current(source);
        String fullReason = full ? "--full" : fullReason(settings, current.manifest(), state.fullRunRequested(source));
        return new DeltaRun(this, source, "plan", "", settings, new DeltaRun.Basis(current.manifest(),
                !fullReason.isEmpty(), fullReason, null, failed.load(source), false, generation(current)), true);
    }

    private static String generation(SnapshotStore.Current current) {
        return current.manifest().generation();
    }

    private String fullReason(DeltaSettings settings, SnapshotManifest base, boolean requested) {
        if (!settings.enabled()) {
            return "delta.enabled=false: every valid record is sent";
        }
        if (requested) {
            return "a full run was requested (drop --full)";
        }
        if (settings.fullResyncEvery().isPresent() && base.records() > 0) {
            Duration every = settings.fullResyncEvery().get();
            Instant last = base.lastFullAt();
            if (last == null || !clock.instant().isBefore(last.plus(every))) {
                return "periodic full resync: the last full run was " + (last == null ? "never" : "at " + last)
                        + " (delta.full-resync-every=" + every + ")";
            }
        }
        return "";
    }

    UniqueClaimStore unique() {
        return unique;
    }

    SnapshotJson json() {
        return json;
    }

    Clock clock() {
        return clock;
    }
}
