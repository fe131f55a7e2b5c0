package io.entrasync.source.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * A source whose HR API keeps failing is not called at every poll.
 *
 * @param failures consecutive failed reads after which the source is left alone; in one process, the same number
 *                 of reads' worth of failed requests in a row ({@code failures × max-attempts}) opens the HTTP
 *                 client's own circuit breaker
 * @param openFor  how long it is left alone; then one read is tried, and a failure leaves it alone again
 */
public record CircuitSettings(int failures, Duration openFor) {
    public CircuitSettings {
        Objects.requireNonNull(openFor, "openFor");
        if (failures < 1) {
            throw new IllegalArgumentException("circuit failures must be at least 1, got " + failures);
        }
        if (openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("circuit open-for must be positive, got " + openFor);
        }
    }

    public static CircuitSettings defaults() {
        return new CircuitSettings(3, Duration.ofMinutes(30));
    }
}
