package io.entrasync.source.rest;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.Guard;

/**
 * The retry policy and circuit breaker of one HR API source, as a SmallRye Fault Tolerance {@link Guard}
 * (programmatic API, SmallRye Fault Tolerance 6.x "Guard"). Built per source from {@code http.*} and
 * {@code circuit.*}:
 * <ul>
 * <li><b>Retry</b>: up to {@code max-attempts} in all, only for {@link TransientFailure}s (429, 500, 502, 503, 504,
 * time-outs, connection failures, and an OAuth 2.0 token endpoint that is briefly unreachable or answers a
 * gateway error: the token is fetched inside the attempt). The guard's own delay is zero; the wait each failure carries
 * (the server's
 * {@code Retry-After}, capped, or the exponential backoff) is slept through the {@link io.entrasync.retry.Sleeper}
 * before the next
 * attempt, so {@code Retry-After} is honoured and tests record waits instead of sleeping.</li>
 * <li><b>Circuit breaker</b>: after {@code circuit.failures × max-attempts} failed attempts in a row (as many as
 * {@code circuit.failures} exhausted reads) the API is not called in this process for {@code circuit.open-for}; then
 * one attempt is let through. Functions instances are short-lived, so the sync keeps its own breaker across
 * instances in blob state (io.entrasync.sync.SourceCircuit); this one protects a long-running process and a read's
 * many detail requests.</li>
 * </ul>
 */
final class HrApiGuard {

    private static final Logger LOG = Logger.getLogger(HrApiGuard.class);

    private HrApiGuard() {
    }

    /**
     * A retryable outcome of one attempt: how long to wait before the next one, the log line, and the error to
     * report when no attempt is left.
     */
    static final class TransientFailure extends Exception {
        private final transient Duration wait;
        private final String logLine;
        private final ApiSourceException whenExhausted;

        TransientFailure(Duration wait, String logLine, ApiSourceException whenExhausted) {
            super(logLine, null, false, false);
            this.wait = wait;
            this.logLine = logLine;
            this.whenExhausted = whenExhausted;
        }

        Duration waitBeforeRetry() {
            return wait;
        }

        ApiSourceException whenExhausted() {
            return whenExhausted;
        }
    }

    static int requestsToOpen(ApiSettings settings) {
        return settings.circuit().failures() * settings.http().maxAttempts();
    }

    static Guard create(ApiSettings settings, Consumer<Duration> sleep) {
        HttpSettings http = settings.http();
        // Every wait is at most max(maxBackoff, maxRetryAfter) and every attempt at most the request timeout: the
        // retries may take that long per attempt, never the default 3 minutes' cut-off.
        Duration longestWait = http.maxBackoff().compareTo(http.maxRetryAfter()) > 0 ? http.maxBackoff()
                : http.maxRetryAfter();
        Duration maxDuration = longestWait.plus(http.requestTimeout()).multipliedBy(http.maxAttempts())
                .plus(Duration.ofMinutes(1));
        return Guard.create()
                .withDescription("HR API source '" + settings.sourceName() + "'")
                .withRetry()
                    .maxRetries(http.maxAttempts() - 1)
                    .delay(0, ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(maxDuration.toMillis(), ChronoUnit.MILLIS)
                    .retryOn(TransientFailure.class)
                    .beforeRetry(failure -> {
                        if (failure instanceof TransientFailure transientFailure) {
                            LOG.warn(transientFailure.logLine);
                            sleep.accept(transientFailure.waitBeforeRetry());
                        }
                    })
                    .done()
                .withCircuitBreaker()
                    .failOn(TransientFailure.class)
                    .requestVolumeThreshold(requestsToOpen(settings))
                    .failureRatio(1.0)
                    .delay(settings.circuit().openFor().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .done()
                .build();
    }
}
