package io.entrasync.graph;

/**
 * Passed before every HTTP attempt (first tries and retries alike): where pacing and quota are enforced.
 * {@link #enter()} may block (pacing) or throw (no budget left); the returned pass is closed when the attempt's
 * response has arrived.
 */
@FunctionalInterface
public interface CallGate {

    Pass enter() throws InterruptedException;

    interface Pass extends AutoCloseable {
        @Override
        void close();

        /** The attempt this pass was for never sent a request (no token): whatever it counted may be given back. */
        default void unused() {
        }

        /**
         * The HTTP client has taken the request's whole body (connection up, headers written): a pacer that counts
         * calls from their send starts the clock here. Not called for a request that never got a connection, nor for
         * one without a body.
         */
        default void bodySent() {
        }

        /** The service answered 429 to this attempt. */
        default void throttled() {
        }
    }

    CallGate OPEN = () -> () -> {
    };
}
