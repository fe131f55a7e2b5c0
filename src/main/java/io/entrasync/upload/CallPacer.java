package io.entrasync.upload;

/**
 * Lets bulkUpload calls start at most {@link PacingSettings#calls()} in any sliding {@link PacingSettings#window()},
 * each counted from the moment it is let through (when it is sent). {@link #awaitSlot(int)} waits; it never rejects.
 */
public interface CallPacer {

    /**
     * Blocks until one call may be sent now.
     *
     * @param callsExpected how many calls the caller still expects to make (a hint: a pacer shared through storage
     *        claims that many slots at once, never more than a window's worth)
     */
    void awaitSlot(int callsExpected) throws InterruptedException;

    /** Gives back slots claimed for calls that will not be made (the upload ended). */
    default void releaseUnused() {
    }

    PacingSettings settings();
}
