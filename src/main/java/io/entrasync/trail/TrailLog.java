package io.entrasync.trail;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.entrasync.state.StateStore;

/**
 * Opens the trail recorder of a run attempt or a reconciliation pass over a source's state. A run only appends its
 * segment; compaction ({@link #compactIfDue}) runs in the reconcile timer's pass, so it never lengthens a run.
 */
public final class TrailLog implements RunTrails, PassTrails {

    private final StateStore state;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final TrailCompactor compactor;

    public TrailLog(StateStore state, ObjectMapper mapper, Clock clock) {
        this(state, mapper, clock, TrailSettings.DEFAULT);
    }

    public TrailLog(StateStore state, ObjectMapper mapper, Clock clock, TrailSettings settings) {
        this.state = state;
        this.mapper = json(mapper);
        this.clock = clock;
        this.compactor = new TrailCompactor(state, clock, settings);
    }

    /** The mapper the trail writes and reads with: ISO instants, whatever the app's mapper does. */
    static ObjectMapper json(ObjectMapper mapper) {
        return mapper.copy().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * The recorder of one attempt of an extract run or API read.
     *
     * @param complete the extract or read carries every person of the source (a full extract, not changes only)
     */
    @Override
    public TrailRecorder open(String source, String runId, String file, boolean complete) {
        return new SegmentWriter(state, mapper, clock, source, runId,
                TrailEvent.run(clock.instant(), source, runId, file, complete, null));
    }

    /** The recorder of one reconciliation pass over one run: each results line it changes is a verdict. */
    @Override
    public TrailRecorder open(String source, String runId) {
        return new SegmentWriter(state, mapper, clock, source, runId, null);
    }

    /**
     * Folds the source's segments into its shards when more than {@code sync.trail.compact-after-segments} wait
     * (the reconcile timer calls this after each pass; a failure is logged and the segments stay).
     */
    public void compactIfDue(String source) {
        compactor.compactIfDue(source);
    }
}
