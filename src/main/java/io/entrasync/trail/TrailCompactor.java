package io.entrasync.trail;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.state.StateStore;

/**
 * Folds a source's trail segments into its 64 shards (by a hash of the externalId) and its run list, dropping
 * events older than the retention but keeping each person's newest sent values (so a later change still shows
 * old → new). Run under the source's lease (by the run that wrote the last segment), so two compactions never
 * race. A reader that meets a segment already folded but not yet deleted sees its events twice and drops the copy.
 * Memory: one shard at a time; the segments' events are spread to temp files first.
 */
public final class TrailCompactor {

    private static final Logger LOG = Logger.getLogger(TrailCompactor.class);

    private final StateStore state;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final TrailSettings settings;

    public TrailCompactor(StateStore state, ObjectMapper mapper, Clock clock, TrailSettings settings) {
        this.state = state;
        this.mapper = mapper;
        this.clock = clock;
        this.settings = settings;
    }

    /** Compacts when more than {@code compactAfter} segments wait; a failure is logged, the segments stay. */
    public void compactIfDue(String source) {
        List<String> segments = state.list(TrailPaths.segments(source));
        if (segments.size() <= settings.compactAfter()) {
            return;
        }
        try {
            compact(source, segments);
        } catch (RuntimeException e) {
            LOG.warnf("Could not compact the trail of source %s (its %d segments stay and are read as they are; the "
                    + "next run tries again): %s", source, segments.size(), e.getMessage());
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
            for (int shard = 0; shard < TrailPaths.shards(); shard++) {
                foldShard(source, shard, spread.resolve(shard + ".jsonl"), cutoff);
            }
            segments.forEach(state::delete);
            LOG.infof("Compacted %d trail segment(s) of source %s", segments.size(), source);
        } finally {
            deleteTree(spread);
        }
    }

    private void route(String line, List<String> runs, List<BufferedWriter> shards) {
        JsonNode event = parse(line);
        if (TrailEvent.RUN.equals(event.path("type").asText())) {
            runs.add(line);
            return;
        }
        try {
            BufferedWriter shard = shards.get(TrailPaths.shardOf(event.path("id").asText()));
            shard.write(line);
            shard.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void foldRuns(String source, List<String> added, Instant cutoff) {
        List<String> kept = new ArrayList<>();
        TrailBlobs.forEachLine(state, TrailPaths.runs(source), line -> {
            if (!before(parse(line), cutoff)) {
                kept.add(line);
            }
        });
        kept.addAll(added);
        state.put(TrailPaths.runs(source), TrailBlobs.gzip(kept));
    }

    private void foldShard(String source, int shard, Path added, Instant cutoff) {
        List<String> lines = new ArrayList<>();
        String path = TrailPaths.shard(source, shard);
        TrailBlobs.forEachLine(state, path, lines::add);
        try (BufferedReader reader = Files.newBufferedReader(added, StandardCharsets.UTF_8)) {
            reader.lines().forEach(lines::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines.isEmpty()) {
            return;
        }
        List<JsonNode> events = lines.stream().map(this::parse).toList();
        Map<String, Integer> newestValues = new HashMap<>();
        for (int index = 0; index < events.size(); index++) {
            if (events.get(index).has("values")) {
                newestValues.put(events.get(index).path("id").asText(), index);
            }
        }
        List<String> kept = new ArrayList<>();
        for (int index = 0; index < events.size(); index++) {
            JsonNode event = events.get(index);
            boolean lastValues = Integer.valueOf(index).equals(newestValues.get(event.path("id").asText()));
            if (lastValues || !before(event, cutoff)) {
                kept.add(lines.get(index));
            }
        }
        state.put(path, TrailBlobs.gzip(kept));
    }

    private static boolean before(JsonNode event, Instant cutoff) {
        return Instant.parse(event.path("at").asText()).isBefore(cutoff);
    }

    private JsonNode parse(String line) {
        try {
            return mapper.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("A trail line is not JSON: " + e.getMessage(), e);
        }
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
