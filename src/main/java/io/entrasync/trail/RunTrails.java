package io.entrasync.trail;

/** Opens the trail of one attempt of an extract run or API read (what {@code io.entrasync.run} is given). */
@FunctionalInterface
public interface RunTrails {

    /** Keeps no trail. */
    RunTrails NONE = (source, runId, file, complete) -> TrailRecorder.NONE;

    /**
     * @param complete the extract or read carries every person of the source (a full extract, not changes only)
     */
    TrailRecorder open(String source, String runId, String file, boolean complete);
}
