package io.entrasync.source.rest;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import io.entrasync.retry.Backoff;

/**
 * The attempts of one HR API request: their count and the backoff between them, computed by the project's one
 * {@link Backoff} with its equal jitter (as Graph's retries), so sources that failed together do not retry together.
 */
final class RequestAttempts {

    private final Backoff backoff;
    private final DoubleSupplier jitter;
    private int made;
    private int backoffs;

    /** @param jitter uniform in [0, 1): where between half the ceiling and the ceiling each wait falls */
    RequestAttempts(HttpSettings policy, DoubleSupplier jitter) {
        this.backoff = new Backoff(policy.initialBackoff(), policy.maxBackoff());
        this.jitter = jitter;
    }

    int next() {
        return ++made;
    }

    /** The wait before the next retry when the server did not say; its ceiling doubles each time it is used. */
    Duration backoff() {
        return backoff.delay(++backoffs, jitter);
    }
}
