package io.entrasync.delta;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.plan.UploadPlan;
import io.entrasync.report.RecordOutcome;
import io.entrasync.report.ResultLine;
import io.entrasync.report.RunReport;
import io.entrasync.scim.ScimUser;
import io.entrasync.state.ConcurrentUpdateException;

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
 * ones the service failed ({@link FailedRecords}); the next delta run sends those again.
 */
public final class DeltaRun {

    private static final Logger LOG = Logger.getLogger(DeltaRun.class);
    private static final DateTimeFormatter GENERATION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MISSING_CAP = 1_000_000;

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

    private final DeltaRuns parts;
    private final String source;
    private final String runId;
    private final String blobName;
    private final DeltaSettings settings;
    private final SnapshotManifest base;
    private final boolean full;
    private final String fullReason;
    private final Set<String> savedRetried;
    private final Map<String, FailedMark> failed;
    private final boolean fullRequested;
    private final String generationAtOpen;
    private final boolean dryRun;
    private final SnapshotIndex index;

    private final List<String> retried = new ArrayList<>();
    private final Map<String, String> sendNotes = new HashMap<>();
    private final Set<String> leaverIds = new HashSet<>();
    private final List<ResultLine> waitingLeavers = new ArrayList<>();
    private long creates;
    private long updates;
    private long retriedCount;
    private long unchanged;
    private long resent;
    private long disables;
    private long rejected;
    private long unreadable;
    private boolean leaversEvaluated;
    private String leaverNote = "";
    private List<String> holdReasons = List.of();
    private String approval = "";
    private boolean held;

    DeltaRun(DeltaRuns parts, String source, String runId, String blobName, DeltaSettings settings,
            SnapshotManifest base, boolean full, String fullReason, Set<String> savedRetried,
            Map<String, FailedMark> failed, boolean fullRequested, SnapshotStore.Current current, boolean dryRun) {
        this.parts = parts;
        this.source = source;
        this.runId = runId;
        this.blobName = blobName;
        this.settings = settings;
        this.base = base;
        this.full = full;
        this.fullReason = fullReason;
        this.savedRetried = savedRetried;
        this.failed = failed;
        this.fullRequested = fullRequested;
        this.generationAtOpen = current.manifest().generation();
        this.dryRun = dryRun;
        this.index = SnapshotIndex.load(parts.snapshots(), base);
    }

    /** Decides whether {@code user} is sent; marks it present. */
    public Decision classify(ScimUser user) {
        String id = user.externalId();
        long hash = SnapshotHash.ofUser(json(user.data()));
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
        if (shouldRetry(id)) {
            retried.add(id);
            retriedCount++;
            String note = "sent again: its last send ended " + failureOf(id);
            sendNotes.put(id, note);
            return new Decision(Kind.RETRY, note);
        }
        if (full) {
            resent++;
            return new Decision(Kind.FULL, "unchanged, sent by a full run (" + fullReason + ")");
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
        if (!settings.fullExtract()) {
            leaverNote = "not evaluated: the source's extracts are not declared complete (full-extract=false)";
            return List.of();
        }
        if (unreadable > 0) {
            leaverNote = "not evaluated: " + unreadable + " rejected row(s) have no readable externalId, so who is "
                    + "missing cannot be told; fix them and the next extract evaluates leavers";
            return List.of();
        }
        leaversEvaluated = true;
        BitSet shards = new BitSet();
        for (int position = 0; position < index.size(); position++) {
            if (!index.seen(position) && !index.disabled(position)) {
                shards.set(SnapshotHash.shard(index.key(position)));
            }
        }
        for (String id : retryCandidates()) {
            int position = index.find(id);
            if (position >= 0 && !index.seen(position) && index.disabled(position)) {
                shards.set(SnapshotHash.shard(index.key(position)));
            }
        }
        List<ScimUser> leavers = new ArrayList<>();
        for (int shard = shards.nextSetBit(0); shard >= 0; shard = shards.nextSetBit(shard + 1)) {
            parts.snapshots().forEachInShard(base.shards().get(shard), true, entry -> leaver(entry, leavers));
        }
        leavers.sort(Comparator.comparing(ScimUser::externalId));
        waitingLeavers.sort(Comparator.comparing(ResultLine::externalId));
        leaverNote = disables + " disabled, " + waitingLeavers.size() + " missing but within the grace of "
                + settings.leaverGrace() + " complete extract(s)";
        return leavers;
    }

    private void leaver(SnapshotEntry entry, List<ScimUser> leavers) {
        int position = index.find(entry.externalId());
        if (position < 0 || index.seen(position) || index.hash(position) != entry.hash()) {
            return;
        }
        String id = entry.externalId();
        int missing = index.missing(position) + 1;
        if (index.disabled(position)) {
            if (shouldRetry(id)) {
                retried.add(id);
                disables++;
                leaverIds.add(id);
                sendNotes.put(id, "leaver: disable sent again (its last send ended " + failureOf(id) + ")");
                leavers.add(new ScimUser(id, 0, tree(entry.user())));
            }
            return;
        }
        if (missing >= settings.leaverGrace()) {
            ObjectNode user = tree(entry.user());
            user.put("active", false);
            disables++;
            leaverIds.add(id);
            sendNotes.put(id, "leaver: disabled (missing from " + missing + " consecutive complete extract(s)); "
                    + "its last full record was sent with active:false");
            leavers.add(new ScimUser(id, 0, user));
        } else {
            waitingLeavers.add(new ResultLine(0, id, RecordOutcome.UNCHANGED, "missing from this complete extract ("
                    + missing + " of " + settings.leaverGrace() + "): disabled if still missing from "
                    + (settings.leaverGrace() - missing) + " more; not sent"));
        }
    }

    /** Lines for records missing from the extract but still within the grace (not sent), one per record. */
    public List<ResultLine> waitingLeaverLines() {
        return List.copyOf(waitingLeavers);
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
        if (savedRetried != null) {
            return false; // resuming a plan that passed the guard (or was approved)
        }
        holdReasons = MassChangeGuard.reasons(settings.guard(), rows, index.activeCount(), creates, disables);
        if (!holdReasons.isEmpty()) {
            Optional<String> approved = dryRun ? Optional.empty() : parts.state().approval(source, runId);
            held = approved.isEmpty();
            approval = approved.orElse("approve with: entra-inbound-sync approve --source " + source + " --run "
                    + runId + " (or upload the blob " + DeltaState.approvalPath(source, runId)
                    + " into the state container and drop the extract again)");
        }
        if (!dryRun) {
            parts.state().save(source, new DeltaRunRecord(runId, blobName, base, full, fullReason, retried, held,
                    holdReasons, generationAtOpen, parts.clock().instant()));
            if (fullRequested && !held) {
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
        return new RunReport.Plan(full ? "full: " + fullReason : "delta", creates, updates, retriedCount, unchanged,
                disables, waitingLeavers.size(), rejected, index.activeCount(), leaverNote, held, holdReasons,
                approval);
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
        // The accepted records go to one spill file per shard, so only one shard's updates are in memory at a time.
        Path spill = tempDirectory();
        try {
            BitSet dirty = spillAccepted(planned, acceptedBatches, spill);
            for (int position = 0; position < index.size(); position++) {
                if (newMissing(position) != index.missing(position)) {
                    dirty.set(SnapshotHash.shard(index.key(position)));
                }
            }
            boolean fullDone = completed && (full || base.records() == 0);
            if (!dirty.isEmpty() || fullDone) {
                write(spill, dirty, fullDone);
            }
        } finally {
            deleteQuietly(spill);
        }
        if (finished) {
            parts.state().close(source, runId);
            List<SnapshotManifest> referenced = new ArrayList<>();
            referenced.add(parts.snapshots().current(source).manifest());
            parts.state().openRuns(source).forEach(open -> referenced.add(open.base()));
            parts.snapshots().deleteUnreferenced(source, referenced);
        }
    }

    private BitSet spillAccepted(UploadPlan planned, Collection<Integer> acceptedBatches, Path spill) {
        BitSet dirty = new BitSet();
        OutputStream[] outs = new OutputStream[SnapshotHash.SHARDS];
        try {
            for (int batch : new java.util.TreeSet<>(acceptedBatches)) {
                for (ScimUser user : planned.batch(batch).users()) {
                    String id = user.externalId();
                    byte[] json = json(user.data());
                    boolean leaver = leaverIds.contains(id);
                    int position = index.find(id);
                    int missing = leaver && position >= 0 ? Math.min(MISSING_CAP, index.missing(position) + 1) : 0;
                    int shard = SnapshotHash.shard(SnapshotHash.ofExternalId(id));
                    if (outs[shard] == null) {
                        outs[shard] = new BufferedOutputStream(Files.newOutputStream(spillFile(spill, shard)));
                    }
                    parts.snapshots().writeLine(outs[shard],
                            new SnapshotEntry(id, SnapshotHash.ofUser(json), missing, leaver, json));
                    dirty.set(shard);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not spill the accepted records to " + spill + ": "
                    + e.getMessage(), e);
        } finally {
            for (OutputStream out : outs) {
                if (out != null) {
                    try {
                        out.close();
                    } catch (IOException ignored) {
                        // reported by the read that follows
                    }
                }
            }
        }
        return dirty;
    }

    private Map<String, SnapshotEntry> spilled(Path spill, int shard) {
        Map<String, SnapshotEntry> updates = new HashMap<>();
        Path file = spillFile(spill, shard);
        if (Files.exists(file)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                parts.snapshots().forEachInStream(in, true, entry -> updates.put(entry.externalId(), entry));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return updates;
    }

    private static Path spillFile(Path spill, int shard) {
        return spill.resolve("s" + shard + ".jsonl");
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("snapshot-");
        } catch (IOException e) {
            throw new UncheckedIOException("No room for temporary files: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.warnf("Could not delete temporary directory %s: %s", directory, e.getMessage());
        }
    }

    private void write(Path spill, BitSet dirty, boolean fullDone) {
        for (int attempt = 1; ; attempt++) {
            SnapshotStore.Current current = parts.snapshots().current(source);
            SnapshotManifest now = current.manifest();
            String generation = GENERATION_TIME.format(parts.clock().instant()) + "-"
                    + UUID.randomUUID().toString().substring(0, 6);
            List<String> shards = new ArrayList<>(now.shards());
            List<Long> sizes = new ArrayList<>(now.shardBytes());
            long[] records = {now.records()};
            long[] disabledCount = {now.disabled()};
            for (int shard = dirty.nextSetBit(0); shard >= 0; shard = dirty.nextSetBit(shard + 1)) {
                Map<String, SnapshotEntry> pending = spilled(spill, shard);
                List<SnapshotEntry> entries = new ArrayList<>();
                parts.snapshots().forEachInShard(shards.get(shard), true, entry -> {
                    SnapshotEntry updated = pending.remove(entry.externalId());
                    if (updated == null) {
                        int position = index.find(entry.externalId());
                        updated = position < 0 ? entry : new SnapshotEntry(entry.externalId(), entry.hash(),
                                newMissing(position), entry.disabled(), entry.user());
                    }
                    if (updated.disabled() != entry.disabled()) {
                        disabledCount[0] += updated.disabled() ? 1 : -1;
                    }
                    entries.add(updated);
                });
                for (SnapshotEntry added : pending.values()) {
                    entries.add(added);
                    records[0]++;
                    disabledCount[0] += added.disabled() ? 1 : 0;
                }
                String name = SnapshotStore.shardPath(source, generation, shard);
                sizes.set(shard, parts.snapshots().writeShard(name, entries));
                shards.set(shard, name);
            }
            long bytes = sizes.stream().mapToLong(Long::longValue).sum();
            Instant writtenAt = parts.clock().instant();
            SnapshotManifest next = new SnapshotManifest(generation, writtenAt, runId, records[0], disabledCount[0],
                    bytes, fullDone ? writtenAt : now.lastFullAt(), shards, sizes);
            try {
                parts.snapshots().swap(source, current, next);
                LOG.infof("source %s: snapshot generation %s written by run %s (%d records, %d bytes)", source,
                        generation, runId, next.records(), bytes);
                return;
            } catch (ConcurrentUpdateException raced) {
                if (attempt == 3) {
                    throw raced;
                }
            }
        }
    }

    /** The missing count a record has after this run. */
    private int newMissing(int position) {
        if (index.seen(position)) {
            return 0;
        }
        if (leaversEvaluated) {
            return Math.min(MISSING_CAP, index.missing(position) + 1);
        }
        return index.missing(position);
    }

    private boolean shouldRetry(String id) {
        return savedRetried != null ? savedRetried.contains(id) : failed.containsKey(id);
    }

    private Collection<String> retryCandidates() {
        return savedRetried != null ? savedRetried : failed.keySet();
    }

    private String failureOf(String id) {
        FailedMark mark = failed.get(id);
        return mark == null ? "in a failure" : mark.outcome() + (mark.detail().isEmpty() ? "" : " (" + mark.detail()
                + ")");
    }

    private byte[] json(ObjectNode data) {
        try {
            return parts.mapper().writeValueAsBytes(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode tree(byte[] json) {
        try {
            return (ObjectNode) parts.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
