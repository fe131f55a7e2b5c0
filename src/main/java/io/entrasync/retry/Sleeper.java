package io.entrasync.retry;

import java.time.Duration;

/**
 * Waits: between retries (Graph, HR APIs) and for a pacing slot. The one seam for waiting in the product; tests pass
 * one that records the waits instead of sleeping. Its partner for reading the time is an injected
 * {@link java.time.Clock}.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps the thread; a zero or negative wait returns at once. */
    Sleeper REAL = duration -> {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        Thread.sleep(duration.toMillis(), (int) (duration.toNanosPart() % 1_000_000));
    };

    void sleep(Duration duration) throws InterruptedException;
}
