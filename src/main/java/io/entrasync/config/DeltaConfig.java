package io.entrasync.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.WithDefault;

/** Delta sync, leavers and the mass-change guard of a source ({@code sync.sources.<name>.delta.*}). */
public interface DeltaConfig {

    /** Send only records that changed since the snapshot; {@code false} sends every valid record every time. */
    @WithDefault("true")
    boolean enabled();

    /** Send everything (a full resync) when the last full run is older than this; never when unset. */
    Optional<Duration> fullResyncEvery();

    /** A leaver is disabled once missing from this many consecutive complete extracts (1 = the first one). */
    @WithDefault("1")
    int leaverGrace();

    /** The mass-change guard: a run over any limit is held until approved. */
    Guard guard();

    interface Guard {
        /** Hold when disables exceed this share of the snapshot's active records (0.10 = 10%). */
        @WithDefault("0.10")
        double maxDisableShare();

        /** Hold when disables exceed this number; no limit when unset. */
        OptionalLong maxDisables();

        /** Hold when creates (records not in the snapshot) exceed this number; no limit when unset. */
        OptionalLong maxCreates();

        /** Hold when the extract has fewer rows than this share of the snapshot's active records (0.2 = 80% fewer). */
        @WithDefault("0.2")
        double minRowsShare();
    }
}
