package io.entrasync.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** Each person's trail ({@code sync.trail.*}): what the {@code trace} command reads. */
public interface TrailConfig {

    /**
     * How long trail events are kept; compaction drops older ones (the values each person was last sent with stay,
     * so a later change still shows old → new). App setting {@code SYNC_TRAIL_RETENTION}.
     */
    @WithDefault("400d")
    Duration retention();

    /**
     * Segments (one per run attempt or reconciliation pass) kept before the next reconcile pass folds them into the
     * 64 shards (never inside a run).
     * App setting {@code SYNC_TRAIL_COMPACT_AFTER_SEGMENTS}.
     */
    @WithDefault("14")
    int compactAfterSegments();
}
