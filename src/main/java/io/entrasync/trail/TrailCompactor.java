package io.entrasync.trail;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.entrasync.state.LeaseUnavailableException;
import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;

/**
 * Folds a source's trail segments into its 64 shards (by a hash of the externalId) and its run list, dropping
 * events older than the retention but keeping each person's newest sent values from before it (the base a later
 * change is compared with, so it still shows old → new). Run by the reconcile timer after a pass, under the trail's
 * own lease, so two compactions never race and no run waits for one (a run appends its segment meanwhile: only the
 * segments listed at the start are folded and deleted). Each compaction prunes 8 of the 64 shards in turn; to the
 * others, new lines are added as one more gzip member. A reader that meets a segment already folded but not yet
 * deleted sees its events twice and drops the copy.
 * Memory: one shard at a time; the segments' events are spread to temp files first.
 */
public final class TrailCompactor {

    private static final Logger LOG = Logger.getLogger(TrailCompactor.class);
    /** Shards each compaction also prunes: each shard is pruned every 64 / 8 = 8 compactions. */
    static final int PRUNED_PER_COMPACTION = 8;
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final StateStore state;
    private final Clock clock;
    private final TrailSettings settings;

    public TrailCompactor(StateStore state, Clock clock, TrailSettings settings) {
        this.state = state;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Compacts when more than {@code compactAfter} segments wait and no other instance is compacting this source;
     * a failure is logged, the segments stay.
     */
    public void compactIfDue(String source) {
        if (state.list(TrailPaths.segments(source)).size() <= settings.compactAfter()) {
            return;
        }
        try (StateStore.Lease lease = state.acquireLease(TrailPaths.compactionLease(source), LEASE)) {
            // listed again under the lease: another instance may have folded some meanwhile
            List<String> segments = state.list(TrailPaths.segments(source));
            if (segments.size() > settings.compactAfter()) {
                compact(source, segments);
            }
        } catch (LeaseUnavailableException busy) {
            LOG.debugf("The trail of source %s is being compacted by another instance", source);
        } catch (RuntimeException e) {
            LOG.warnf("Could not compact the trail of source %s (its segments stay and are read as they are; the "
                    + "next reconcile pass tries again): %s", source, e.getMessage());
        }
    }

    /** Folds {@code segments} into the shards and deletes them. */
    public void compact(String source, List<String> segments) {
        Instant cutoff = clock.instant().minus(settings.retention());
        Path spread = tempDirectory();
        try {
            List<String> runs = new ArrayList<>();
            List<BufferedWriter> shards = openShardFiles(spread);
            try {
                for (String segment : segments) {
                    TrailBlobs.forEachLine(state, segment, line -> route(line, runs, shards));
                }
            } finally {
                closeAll(shards);
            }
            foldRuns(source, runs, cutoff);
            int pruneFrom = pruneFrom(source);
            for (int shard = 0; shard < TrailPaths.shards(); shard++) {
                boolean prune = Math.floorMod(shard - pruneFrom, TrailPaths.shards()) < PRUNED_PER_COMPACTION;
                foldShard(source, shard, spread.resolve(shard + ".jsonl"), cutoff, prune);
            }
            segments.forEach(state::delete);
            LOG.infof("Compacted %d trail segment(s) of source %s", segments.size(), source);
        } finally {
            deleteTree(spread);
        }
    }

    private static void route(String line, List<String> runs, List<BufferedWriter> shards) {
        LineFields event = LineFields.of(line);
        if (TrailEvent.RUN.equals(event.type())) {
            runs.add(line);
            return;
        }
        try {
            BufferedWriter shard = shards.get(TrailPaths.shardOf(event.id() == null ? "" : event.id()));
            shard.write(line);
            shard.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void foldRuns(String source, List<String> added, Instant cutoff) {
        List<String> kept = new ArrayList<>();
        TrailBlobs.forEachLine(state, TrailPaths.runs(source), line -> {
            if (!LineFields.of(line).at().isBefore(cutoff)) {
                kept.add(line);
            }
        });
        kept.addAll(added);
        state.put(TrailPaths.runs(source), TrailBlobs.gzip(kept));
    }

    /**
     * Adds the shard's new lines as one more gzip member after its existing bytes (a gzip file may hold several
     * members; the old ones are neither unpacked nor packed again), or, when pruning, rewrites the shard without the
     * events past the retention.
     */
    private void foldShard(String source, int shard, Path added, Instant cutoff, boolean prune) {
        String path = TrailPaths.shard(source, shard);
        List<String> lines = readLines(added);
        if (!prune) {
            if (!lines.isEmpty()) {
                byte[] old = state.read(path).map(StoredBlob::content).orElse(new byte[0]);
                byte[] more = TrailBlobs.gzip(lines);
                byte[] both = Arrays.copyOf(old, old.length + more.length);
                System.arraycopy(more, 0, both, old.length, more.length);
                state.put(path, both);
            }
            return;
        }
        List<String> all = new ArrayList<>();
        TrailBlobs.forEachLine(state, path, all::add);
        all.addAll(lines);
        if (all.isEmpty()) {
            return;
        }
        List<LineFields> events = all.stream().map(LineFields::of).toList();
        Map<String, Integer> newestValues = new HashMap<>();
        for (int index = 0; index < events.size(); index++) {
            if (events.get(index).hasValues() && events.get(index).at().isBefore(cutoff)) {
                newestValues.put(events.get(index).id(), index);
            }
        }
        List<String> kept = new ArrayList<>();
        for (int index = 0; index < events.size(); index++) {
            LineFields event = events.get(index);
            boolean lastValues = Integer.valueOf(index).equals(newestValues.get(event.id()));
            if (lastValues || !event.at().isBefore(cutoff)) {
                kept.add(all.get(index));
            }
        }
        state.put(path, TrailBlobs.gzip(kept));
    }

    private static List<String> readLines(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shards this compaction prunes: {@link #PRUNED_PER_COMPACTION} of them, the next ones after the last
     * compaction's (pruning unpacks and packs a shard again: spread, it never makes one run much slower).
     */
    private int pruneFrom(String source) {
        Optional<StoredBlob> next = state.read(TrailPaths.pruneNext(source));
        int from = next.map(blob -> Integer.parseInt(new String(blob.content(), StandardCharsets.UTF_8).strip()))
                .orElse(0);
        state.put(TrailPaths.pruneNext(source), Integer.toString((from + PRUNED_PER_COMPACTION)
                % TrailPaths.shards()).getBytes(StandardCharsets.UTF_8));
        return from;
    }

    private static List<BufferedWriter> openShardFiles(Path directory) {
        List<BufferedWriter> writers = new ArrayList<>();
        try {
            for (int shard = 0; shard < TrailPaths.shards(); shard++) {
                writers.add(Files.newBufferedWriter(directory.resolve(shard + ".jsonl"), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            closeAll(writers);
            throw new UncheckedIOException(e);
        }
        return writers;
    }

    private static void closeAll(List<BufferedWriter> writers) {
        for (BufferedWriter writer : writers) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.debugf("Could not close a trail temp file: %s", e.getMessage());
            }
        }
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("trail-compact-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.debugf("Could not delete %s: %s", directory, e.getMessage());
        }
    }
}
