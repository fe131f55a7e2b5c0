package io.entrasync.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Counts admitted calls in a sliding window. The limit and window are passed on every call so that a runtime
 * settings change applies at once.
 */
final class SlidingWindowLimiter {
    private final Deque<Instant> admitted = new ArrayDeque<>();

    /**
     * Admits the call (and records it) or returns how long until a slot frees up.
     *
     * @return {@link Duration#ZERO} when admitted, otherwise the wait (at least 1 ms)
     */
    synchronized Duration tryAcquire(Instant now, int limit, Duration window) {
        Instant horizon = now.minus(window);
        while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(horizon)) {
            admitted.pollFirst();
        }
        if (admitted.size() < limit) {
            admitted.addLast(now);
            return Duration.ZERO;
        }
        // The (size - limit + 1)-th oldest call has to leave the window before there is room again.
        Instant oldestToLeave = admitted.stream().skip(admitted.size() - limit).findFirst().orElseThrow();
        Duration wait = Duration.between(now, oldestToLeave.plus(window));
        return wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
    }

    synchronized int inWindow(Instant now, Duration window) {
        Instant horizon = now.minus(window);
        return (int) admitted.stream().filter(t -> t.isAfter(horizon)).count();
    }

    synchronized void clear() {
        admitted.clear();
    }

    /** Retry-After in whole seconds, rounded up, at least 1. */
    static long toRetryAfterSeconds(Duration wait) {
        long ms = wait.toMillis();
        return Math.max(1, (ms + 999) / 1000);
    }
}
