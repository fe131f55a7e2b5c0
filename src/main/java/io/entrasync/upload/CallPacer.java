package io.entrasync.upload;

/**
 * Lets bulkUpload calls through at most {@link PacingSettings#calls()} in any sliding {@link PacingSettings#window()}
 * as the service counts them. A call occupies its slot from the moment it is let through until its attempt ended
 * (answer, error or timeout), and then: with {@link PacingSettings.Hold#SEND} until one window after its request was
 * sent plus the send margin its answer shows (see {@link SendMargin}: the service counts a request when it arrives), or
 * after its answer if that came first; with {@link PacingSettings.Hold#ANSWER} until one window after its answer,
 * which is safe wherever between send and answer the service counts. A 429 although the pacer kept the window
 * ({@link #throttled()}) raises the margin, and at its highest makes the pacer hold every slot until one window after
 * the answer from then on. {@link #awaitSlot(int)} waits; it never rejects.
 */
public interface CallPacer {

    /**
     * Blocks until one call may be sent now.
     *
     * @param callsExpected how many calls the caller still expects to make (a hint: a pacer shared through storage
     *        claims that many slots at once, never more than a window's worth)
     * @return the call's slot; {@link Slot#bodySent()} once the HTTP client has taken the request's whole body,
     *         {@link Slot#ended()} once the attempt's answer (or failure) has arrived
     */
    Slot awaitSlot(int callsExpected) throws InterruptedException;

    /** Gives back slots claimed for calls that will not be made (the upload ended) and reports what ended. */
    default void releaseUnused() {
    }

    /**
     * The service answered 429 although this pacer kept its window: it counts calls later than the send rule
     * assumes (or something else calls the tenant). Raises the send margin ({@link SendMargin#raise()}); at its
     * highest, every slot is held until one window after its answer from now on.
     */
    default void throttled() {
    }

    PacingSettings settings();

    /** One call's place in the window. */
    interface Slot {
        /**
         * The HTTP client has taken the request's whole body (after connecting and writing the headers): the send the
         * hold rule counts from. A slot never marked sent counts until its end.
         */
        default void bodySent() {
        }

        /** The attempt is over (answered, failed or timed out). Idempotent. */
        void ended();
    }
}
