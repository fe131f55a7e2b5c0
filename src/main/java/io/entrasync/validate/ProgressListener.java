package io.entrasync.validate;

/** Told every few thousand records how far {@link ExtractPipeline} has come, e.g. to draw a progress line. */
@FunctionalInterface
public interface ProgressListener {

    /** Pass 1 indexes externalIds, pass 2 maps and validates. */
    enum Pass { INDEX, MAP }

    /**
     * @param recordsSoFar records done in this pass
     * @param total the number of records (known in pass 2), or -1
     */
    void progress(Pass pass, long recordsSoFar, long total);

    ProgressListener NONE = (pass, records, total) -> {
    };
}
