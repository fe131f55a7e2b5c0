package io.entrasync.trail;

import java.time.Duration;

import io.entrasync.config.TrailConfig;

/**
 * How long a source's trail is kept and how often it is compacted ({@code sync.trail.*}).
 *
 * @param retention events older than this are dropped at compaction (the last values each person was sent with are
 *                  kept, so a later change still shows old → new)
 * @param compactAfter segments (one per run attempt or reconciliation pass) kept before the reconcile pass that
 *                     follows folds them into the shards
 */
public record TrailSettings(Duration retention, int compactAfter) {

    public static final TrailSettings DEFAULT = new TrailSettings(Duration.ofDays(400), 14);

    public TrailSettings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("sync.trail.retention (SYNC_TRAIL_RETENTION) must be positive, e.g. "
                    + "400d; it is " + retention);
        }
        if (compactAfter < 1) {
            throw new IllegalArgumentException("sync.trail.compact-after-segments (SYNC_TRAIL_COMPACT_AFTER_SEGMENTS)"
                    + " must be at least 1; it is " + compactAfter);
        }
    }

    public static TrailSettings from(TrailConfig config) {
        return new TrailSettings(config.retention(), config.compactAfterSegments());
    }
}
