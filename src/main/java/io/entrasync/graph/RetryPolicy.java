package io.entrasync.graph;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import io.entrasync.retry.Backoff;

/**
 * When to try a throttled or failed Graph call again: how many times, and how long to wait when the server gives no
 * {@code Retry-After} (the shared {@link Backoff}, with jitter).
 *
 * <p>{@link GraphRetry} turns it into a SmallRye Fault Tolerance {@code Guard} (programmatic API, not the
 * {@code @Retry} interceptor): every attempt passes the pacer and the daily quota again, a 401 gets exactly one retry
 * with a fresh token, the server's {@code Retry-After} replaces the backoff, and the engine counts retries and
 * throttles; the engine also runs in plain tests without CDI.
 *
 * @param maxAttempts tries of one call, the first included (1 = never retry), like every {@code max-attempts}
 *        setting of the project
 * @param initialBackoff the wait before the first retry when the server gives no Retry-After
 * @param maxBackoff the longest backoff, and the longest Retry-After honoured: a longer one ends the upload
 *        (the remaining records are handed back) instead of blocking the run
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more (the first try included), not "
                    + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** The wait before retry {@code retry} (1-based) when the server gives no Retry-After: {@link Backoff#delay}. */
    public Duration backoff(int retry, DoubleSupplier random) {
        return new Backoff(initialBackoff, maxBackoff).delay(retry, random);
    }

    public Duration backoff(int retry) {
        return new Backoff(initialBackoff, maxBackoff).delay(retry);
    }
}
