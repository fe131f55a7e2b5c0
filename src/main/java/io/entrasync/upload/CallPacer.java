package io.entrasync.upload;

/**
 * Lets bulkUpload calls through at most {@link PacingSettings#calls()} in any sliding {@link PacingSettings#window()}
 * as the service could count them. The service counts a call at some moment between its send and its answer, and
 * nothing documents which, so a call occupies its slot from the moment it is let through until one window after its
 * attempt ended (answer, error or timeout): whenever the service counted it, it has left the service's window by then.
 * {@link #awaitSlot(int)} waits; it never rejects.
 */
public interface CallPacer {

    /**
     * Blocks until one call may be sent now.
     *
     * @param callsExpected how many calls the caller still expects to make (a hint: a pacer shared through storage
     *        claims that many slots at once, never more than a window's worth)
     * @return the call's slot; {@link Slot#ended()} once the attempt's answer (or failure) has arrived
     */
    Slot awaitSlot(int callsExpected) throws InterruptedException;

    /** Gives back slots claimed for calls that will not be made (the upload ended) and reports what ended. */
    default void releaseUnused() {
    }

    PacingSettings settings();

    /** One call's place in the window. */
    interface Slot {
        /** The attempt is over (answered, failed or timed out): its slot frees one window from now. Idempotent. */
        void ended();
    }
}
