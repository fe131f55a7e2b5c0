package io.entrasync.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter", the one way this project waits before a retry when the server did not say
 * how long (a {@code Retry-After} always wins over it). For retry {@code n} (1-based) the ceiling is
 * {@code min(max, initial * 2^(n-1))} and the wait is uniformly between half the ceiling and the ceiling, so clients
 * that failed together do not retry together (the "equal jitter" variant of AWS's Architecture Blog post "Exponential
 * Backoff And Jitter", 2015).
 *
 * @param initial the wait ceiling before the first retry
 * @param max the longest wait
 */
public record Backoff(Duration initial, Duration max) {

    /** A random source that always gives 1: the wait is the ceiling itself, without jitter. */
    public static final DoubleSupplier NO_JITTER = () -> 1.0;

    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial backoff <= max backoff, not " + initial + " and "
                    + max);
        }
    }

    /** The wait before retry {@code retry} (1-based), jittered by {@code random} (uniform in [0, 1)). */
    public Duration delay(int retry, DoubleSupplier random) {
        long ceiling = ceilingMillis(retry);
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }

    /** The wait before retry {@code retry} (1-based), with jitter. */
    public Duration delay(int retry) {
        return delay(retry, () -> ThreadLocalRandom.current().nextDouble());
    }

    private long ceilingMillis(int retry) {
        long initialMillis = initial.toMillis();
        return retry >= 31 ? max.toMillis() : Math.min(max.toMillis(), initialMillis * (1L << Math.max(0, retry - 1)));
    }
}
