package io.entrasync.trail;

/** Opens the trail of one reconciliation pass over one run (what {@code io.entrasync.reconcile} is given). */
@FunctionalInterface
public interface PassTrails {

    /** Keeps no trail. */
    PassTrails NONE = (source, runId) -> TrailRecorder.NONE;

    TrailRecorder open(String source, String runId);
}
