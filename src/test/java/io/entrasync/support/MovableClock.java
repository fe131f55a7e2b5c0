package io.entrasync.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand (UTC; {@link #withZone} gives a view in another zone that moves with it). */
public final class MovableClock extends Clock {
    private volatile Instant now;

    public MovableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    public void setTo(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ZonedView(this, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }

    private static final class ZonedView extends Clock {
        private final MovableClock clock;
        private final ZoneId zone;

        ZonedView(MovableClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return clock.withZone(other);
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }
    }
}
