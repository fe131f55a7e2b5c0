package io.entrasync.delta;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.entrasync.plan.UploadPlan;
import io.entrasync.scim.ScimUser;
import io.entrasync.state.ConcurrentUpdateException;

/**
 * Writes a run's new snapshot generation: the records of the accepted calls (their JSON as sent) and the leavers'
 * missing counts. Records of refused, deferred or unsent calls keep their previous entry, so the next run sends them
 * again. The new generation is switched in with an ETag, retried when another run switched first.
 */
final class SnapshotWriter {

    private static final Logger LOG = Logger.getLogger(SnapshotWriter.class);
    private static final DateTimeFormatter GENERATION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MISSING_CAP = 1_000_000;

    private final SnapshotStore snapshots;
    private final DeltaState state;
    private final SnapshotJson json;
    private final Clock clock;
    private final String source;
    private final String runId;
    private final SnapshotManifest base;
    private final boolean full;
    private final SnapshotIndex index;
    private final Leavers leavers;

    SnapshotWriter(DeltaRuns parts, String source, String runId, SnapshotManifest base, boolean full,
            SnapshotIndex index, Leavers leavers) {
        this.snapshots = parts.snapshots();
        this.state = parts.state();
        this.json = parts.json();
        this.clock = parts.clock();
        this.source = source;
        this.runId = runId;
        this.base = base;
        this.full = full;
        this.index = index;
        this.leavers = leavers;
    }

    /** See {@link DeltaRun#commit}. */
    void commit(UploadPlan planned, Collection<Integer> acceptedBatches, boolean completed, boolean finished) {
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
            state.close(source, runId);
            List<SnapshotManifest> referenced = new ArrayList<>();
            referenced.add(snapshots.current(source).manifest());
            state.openRuns(source).forEach(open -> referenced.add(open.base()));
            snapshots.deleteUnreferenced(source, referenced);
        }
    }

    private BitSet spillAccepted(UploadPlan planned, Collection<Integer> acceptedBatches, Path spill) {
        BitSet dirty = new BitSet();
        OutputStream[] outs = new OutputStream[SnapshotHash.SHARDS];
        try {
            for (int batch : new TreeSet<>(acceptedBatches)) {
                for (ScimUser user : planned.batch(batch).users()) {
                    String id = user.externalId();
                    byte[] bytes = json.bytes(user.data());
                    boolean leaver = leavers.contains(id);
                    int position = index.find(id);
                    int missing = leaver && position >= 0 ? Math.min(MISSING_CAP, index.missing(position) + 1) : 0;
                    int shard = SnapshotHash.shard(SnapshotHash.ofExternalId(id));
                    if (outs[shard] == null) {
                        outs[shard] = new BufferedOutputStream(Files.newOutputStream(spillFile(spill, shard)));
                    }
                    snapshots.writeLine(outs[shard],
                            new SnapshotEntry(id, SnapshotHash.ofUser(bytes), missing, leaver, bytes));
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
                snapshots.forEachInStream(in, true, entry -> updates.put(entry.externalId(), entry));
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
            SnapshotStore.Current current = snapshots.current(source);
            SnapshotManifest now = current.manifest();
            String generation = GENERATION_TIME.format(clock.instant()) + "-"
                    + UUID.randomUUID().toString().substring(0, 6);
            List<String> shards = new ArrayList<>(now.shards());
            List<Long> sizes = new ArrayList<>(now.shardBytes());
            long[] records = {now.records()};
            long[] disabledCount = {now.disabled()};
            for (int shard = dirty.nextSetBit(0); shard >= 0; shard = dirty.nextSetBit(shard + 1)) {
                Map<String, SnapshotEntry> pending = spilled(spill, shard);
                List<SnapshotEntry> entries = new ArrayList<>();
                snapshots.forEachInShard(shards.get(shard), true, entry -> {
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
                sizes.set(shard, snapshots.writeShard(name, entries));
                shards.set(shard, name);
            }
            long bytes = sizes.stream().mapToLong(Long::longValue).sum();
            Instant writtenAt = clock.instant();
            SnapshotManifest next = new SnapshotManifest(generation, writtenAt, runId, records[0], disabledCount[0],
                    bytes, fullDone ? writtenAt : now.lastFullAt(), shards, sizes);
            try {
                snapshots.swap(source, current, next);
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
        if (leavers.evaluated()) {
            return Math.min(MISSING_CAP, index.missing(position) + 1);
        }
        return index.missing(position);
    }
}
