package io.entrasync.trail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.state.StateStore;

/**
 * Reads a source's trail back: one person's events (their shard and the segments not compacted yet), the run events,
 * or every event with sent values (to find people by user name or name). A line met twice (a segment compacted but
 * not yet deleted) counts once.
 */
public final class TrailReader {

    private final StateStore state;
    private final ObjectMapper mapper;

    public TrailReader(StateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = TrailLog.json(mapper);
    }

    /** What the trail holds for one person and the runs of its source. */
    record Read(List<TrailEvent> events, Map<String, TrailEvent> runs) {
    }

    Read person(String source, String externalId) {
        String needle = "\"id\":" + quoted(externalId);
        Set<String> lines = new LinkedHashSet<>();
        Map<String, TrailEvent> runs = new LinkedHashMap<>();
        Consumer<String> keep = line -> {
            if (line.contains(needle)) {
                lines.add(line);
            } else if (line.startsWith("{\"type\":\"run\"")) {
                TrailEvent run = parse(line);
                runs.merge(run.run(), run, (first, later) -> later);
            }
        };
        TrailBlobs.forEachLine(state, TrailPaths.runs(source), keep);
        TrailBlobs.forEachLine(state, TrailPaths.shard(source, TrailPaths.shardOf(externalId)), keep);
        for (String segment : state.list(TrailPaths.segments(source))) {
            TrailBlobs.forEachLine(state, segment, keep);
        }
        List<TrailEvent> events = new ArrayList<>();
        for (String line : lines) {
            TrailEvent event = parse(line);
            if (externalId.equals(event.id())) {
                events.add(event);
            }
        }
        return new Read(events, runs);
    }

    /** Every event that carries sent values, shard by shard, then the segments. */
    void forEachWithValues(String source, Consumer<TrailEvent> consumer) {
        Consumer<String> keep = line -> {
            if (line.contains("\"values\":")) {
                consumer.accept(parse(line));
            }
        };
        for (int shard = 0; shard < TrailPaths.shards(); shard++) {
            TrailBlobs.forEachLine(state, TrailPaths.shard(source, shard), keep);
        }
        for (String segment : state.list(TrailPaths.segments(source))) {
            TrailBlobs.forEachLine(state, segment, keep);
        }
    }

    private String quoted(String text) {
        try {
            return mapper.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TrailEvent parse(String line) {
        try {
            return mapper.readValue(line, TrailEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("A trail line is not a trail event: " + e.getMessage(), e);
        }
    }
}
