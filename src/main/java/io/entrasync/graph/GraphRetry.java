package io.entrasync.graph;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.entrasync.retry.Sleeper;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The retry policy of every Graph call (bulkUpload, job status, provisioning-log pages through {@link GraphClient};
 * the job commands' typed REST client, {@code io.entrasync.job.GraphJobClient}) as a SmallRye Fault
 * Tolerance {@link Guard} (programmatic API), built from a {@link RetryPolicy}: up to {@code maxAttempts} tries, only
 * of a {@link Retryable} (429, 500, 502, 503, 504, no answer, a transient token failure).
 *
 * <p>The guard's own delay is zero: the wait each failure carries (the server's {@code Retry-After}, else the
 * policy's backoff with jitter) is slept through the {@link Sleeper} before the next attempt, so {@code Retry-After}
 * decides the wait and tests record waits instead of sleeping. Pacing and quota are not the guard's business: the
 * guarded action enters the call's {@link CallGate} itself on every attempt (so retries are paced and counted like
 * first tries), and the one token refresh after a 401 happens inside that attempt (it is not a retry of the
 * policy's budget). No circuit breaker: a Graph failure that would open one (throttling, 5xx beyond the retries)
 * already ends the upload with the records handed back.
 */
public final class GraphRetry {

    private static final Logger LOG = Logger.getLogger(GraphRetry.class);

    private GraphRetry() {
    }

    /** A retryable outcome of one attempt: the wait before the next, the log line, and the error if none is left. */
    public static final class Retryable extends Exception {
        private final transient Duration wait;
        private final transient CallStats stats;
        private final transient Supplier<? extends RuntimeException> whenExhausted;

        /**
         * A retryable outcome.
         *
         * @param wait how long to wait before the next attempt
         * @param logLine what to log when it is retried
         * @param stats where the retry is counted; null for none
         * @param whenExhausted the failure to raise when no retry is left
         */
        public Retryable(Duration wait, String logLine, CallStats stats,
                Supplier<? extends RuntimeException> whenExhausted) {
            super(logLine, null, false, false);
            this.wait = wait;
            this.stats = stats;
            this.whenExhausted = whenExhausted;
        }

        public RuntimeException whenExhausted() {
            return whenExhausted.get();
        }
    }

    /** The guard of one client: retries by {@code policy}, waits through {@code sleeper}. */
    public static Guard create(RetryPolicy policy, Sleeper sleeper) {
        return Guard.create()
                .withDescription("Microsoft Graph")
                .withRetry()
                    // SmallRye counts retries after the first try; the policy counts attempts including it.
                    .maxRetries(policy.maxAttempts() - 1)
                    .delay(0, ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    // Attempts may wait long for their pacing slot inside the gate; the retries are bounded by
                    // their count and by retries.max-backoff per wait, not by the guard's default 3 minutes.
                    .maxDuration(1, ChronoUnit.DAYS)
                    .retryOn(Retryable.class)
                    .beforeRetry(failure -> {
                        if (failure instanceof Retryable retryable) {
                            if (retryable.stats != null) {
                                retryable.stats.countRetry();
                            }
                            LOG.info(retryable.getMessage());
                            pause(sleeper, retryable.wait);
                        }
                    })
                    .done()
                .build();
    }

    /**
     * The guard catches what {@code beforeRetry} throws, so an interrupted wait leaves the thread's interrupt flag
     * set and the next attempt ends with an {@link InterruptedException} before it sends anything.
     */
    private static void pause(Sleeper sleeper, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
