package io.entrasync.source.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * @param connectTimeout  TCP connect timeout
 * @param requestTimeout  time allowed for one response (headers and body)
 * @param maxAttempts     attempts per request, including the first (429, 5xx, timeouts and connection errors
 *                        are retried)
 * @param initialBackoff  wait before the first retry of a 5xx or connection error; doubled each time, with
 *                        equal jitter (between half and all of it)
 * @param maxBackoff      upper bound of that wait
 * @param maxRetryAfter   upper bound of a server's {@code Retry-After}: a longer demand waits this long and
 *                        tries again (still counted against {@code maxAttempts}), so a run is never blocked
 *                        for hours
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
                           Duration maxBackoff, Duration maxRetryAfter) {
    public HttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
    }

    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), 5, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofMinutes(5));
    }
}
