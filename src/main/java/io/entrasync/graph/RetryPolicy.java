package io.entrasync.graph;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to try a throttled or failed Graph call again.
 *
 * <p>Written by hand rather than with SmallRye Fault Tolerance's {@code @Retry}: every attempt must pass the pacer and
 * the daily quota again, a 401 gets exactly one retry with a fresh token, the server's {@code Retry-After} replaces
 * the backoff, and the engine counts retries and throttles; an interceptor on a CDI bean would hide all four, and the
 * engine must also run in plain tests without CDI.
 *
 * @param maxRetries retries after the first attempt (0 = never retry)
 * @param initialBackoff the wait before the first retry when the server gives no Retry-After
 * @param maxBackoff the longest backoff, and the longest Retry-After honoured: a longer one ends the upload
 *        (the remaining records are handed back) instead of blocking the run
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /**
     * Exponential backoff with "equal jitter": for retry {@code n} (1-based) the ceiling is
     * {@code min(maxBackoff, initialBackoff * 2^(n-1))}, and the wait is uniformly between half the ceiling and the
     * ceiling, so clients that failed together do not retry together.
     */
    public Duration backoff(int retry, DoubleSupplier random) {
        long initial = initialBackoff.toMillis();
        long ceiling = retry >= 31 ? maxBackoff.toMillis()
                : Math.min(maxBackoff.toMillis(), initial * (1L << Math.max(0, retry - 1)));
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }

    public Duration backoff(int retry) {
        return backoff(retry, () -> ThreadLocalRandom.current().nextDouble());
    }
}
