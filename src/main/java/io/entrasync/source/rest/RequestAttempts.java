package io.entrasync.source.rest;

import java.time.Duration;

/**
 * The attempts of one HR API request: their count and the exponential backoff between them. {@link #backoff()} is the
 * one place the HR backoff delay is computed (to be pointed at the shared {@code io.entrasync.retry.Backoff}).
 */
final class RequestAttempts {

    private final ApiSettings.Http policy;
    private int made;
    private Duration backoff;

    RequestAttempts(ApiSettings.Http policy) {
        this.policy = policy;
        this.backoff = policy.initialBackoff();
    }

    int next() {
        return ++made;
    }

    /** The wait before the next retry when the server did not say; doubles each time it is used. */
    Duration backoff() {
        Duration wait = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(policy.maxBackoff()) <= 0 ? doubled : policy.maxBackoff();
        return wait;
    }
}
