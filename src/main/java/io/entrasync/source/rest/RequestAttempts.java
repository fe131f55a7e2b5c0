package io.entrasync.source.rest;

import java.time.Duration;

import io.entrasync.retry.Backoff;

/**
 * The attempts of one HR API request: their count and the backoff between them, computed by the project's one
 * {@link Backoff}. Without jitter for now (the ceiling itself): the HR API tests assert exact waits.
 */
final class RequestAttempts {

    private final Backoff backoff;
    private int made;
    private int backoffs;

    RequestAttempts(ApiSettings.Http policy) {
        this.backoff = new Backoff(policy.initialBackoff(), policy.maxBackoff());
    }

    int next() {
        return ++made;
    }

    /** The wait before the next retry when the server did not say; doubles each time it is used. */
    Duration backoff() {
        return backoff.delay(++backoffs, Backoff.NO_JITTER);
    }
}
