package io.entrasync.source.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Keeps a source's requests under its vendor's rate (HiBob 50 per minute, Gusto 200 per minute): each request starts
 * at least {@code 60 s / requests-per-minute} after the one before, so a read stays under the limit instead of
 * bouncing off it. Off when the rate is 0.
 */
final class RequestPace {

    private final Duration interval;
    private final Clock clock;
    private final Consumer<Duration> sleep;
    private Instant last;

    RequestPace(double requestsPerMinute, Clock clock, Consumer<Duration> sleep) {
        this.interval = requestsPerMinute > 0
                ? Duration.ofNanos((long) (Duration.ofMinutes(1).toNanos() / requestsPerMinute)) : Duration.ZERO;
        this.clock = clock;
        this.sleep = sleep;
    }

    /** Waits until the next request may start. */
    synchronized void beforeRequest() {
        if (interval.isZero()) {
            return;
        }
        if (last != null) {
            Duration wait = Duration.between(clock.instant(), last.plus(interval));
            if (wait.compareTo(Duration.ZERO) > 0) {
                sleep.accept(wait);
            }
        }
        last = clock.instant();
    }
}
