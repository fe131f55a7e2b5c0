package io.entrasync.delta;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import io.entrasync.config.DeltaConfig;

/**
 * How a source's runs decide what to send.
 *
 * @param enabled compare with the snapshot and skip unchanged records; false sends every valid record
 * @param fullExtract the source's extracts are complete: records missing from one are leavers
 * @param leaverGrace consecutive complete extracts a record must be missing from before it is disabled (1 or more)
 * @param fullResyncEvery send everything when the last full run is older than this; empty: never by itself
 * @param guard the mass-change limits
 */
public record DeltaSettings(boolean enabled, boolean fullExtract, int leaverGrace, Optional<Duration> fullResyncEvery,
        Guard guard) {

    /**
     * @param maxDisableShare hold when disables exceed this share of the snapshot's active records
     * @param maxDisables hold when disables exceed this number
     * @param maxCreates hold when creates exceed this number
     * @param minRowsShare hold when the extract has fewer rows than this share of the snapshot's active records
     */
    public record Guard(double maxDisableShare, OptionalLong maxDisables, OptionalLong maxCreates,
            double minRowsShare) {
        public static final Guard DEFAULT = new Guard(0.10, OptionalLong.empty(), OptionalLong.empty(), 0.2);
    }

    /** Delta on, extracts not declared complete (no leavers), default guard. */
    public static final DeltaSettings DEFAULT = new DeltaSettings(true, false, 1, Optional.empty(), Guard.DEFAULT);

    public DeltaSettings {
        if (leaverGrace < 1) {
            throw new IllegalArgumentException("delta.leaver-grace must be 1 or more, not " + leaverGrace);
        }
        if (guard.maxDisableShare() < 0 || guard.minRowsShare() < 0 || guard.minRowsShare() > 1) {
            throw new IllegalArgumentException("delta.guard.max-disable-share must be 0 or more and "
                    + "delta.guard.min-rows-share between 0 and 1");
        }
    }

    public static DeltaSettings from(String source, boolean fullExtract, DeltaConfig config) {
        DeltaConfig.Guard guard = config.guard();
        try {
            return new DeltaSettings(config.enabled(), fullExtract, config.leaverGrace(), config.fullResyncEvery(),
                    new Guard(guard.maxDisableShare(), guard.maxDisables(), guard.maxCreates(), guard.minRowsShare()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sync.sources." + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * For an extract that holds only changes (an HR API read since a watermark): no leavers, and its size says nothing
     * about truncation. The other guard limits stay.
     */
    public DeltaSettings forChangesOnly() {
        return new DeltaSettings(enabled, false, leaverGrace, fullResyncEvery,
                new Guard(guard.maxDisableShare(), guard.maxDisables(), guard.maxCreates(), 0));
    }

    public DeltaSettings withFullExtract(boolean complete) {
        return new DeltaSettings(enabled, complete, leaverGrace, fullResyncEvery, guard);
    }

    public DeltaSettings withLeaverGrace(int extracts) {
        return new DeltaSettings(enabled, fullExtract, extracts, fullResyncEvery, guard);
    }

    public DeltaSettings withGuard(Guard newGuard) {
        return new DeltaSettings(enabled, fullExtract, leaverGrace, fullResyncEvery, newGuard);
    }

    public DeltaSettings withEnabled(boolean on) {
        return new DeltaSettings(on, fullExtract, leaverGrace, fullResyncEvery, guard);
    }
}
