package io.entrasync.graph;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one run's Graph traffic, for the summary and the benchmark. Thread-safe. */
public final class CallStats {

    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong tokenRefreshes = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();

    void countAttempt() {
        attempts.incrementAndGet();
    }

    void countRetry() {
        retries.incrementAndGet();
    }

    void countThrottled() {
        throttled.incrementAndGet();
    }

    void countUnanswered() {
        unanswered.incrementAndGet();
    }

    void countTokenRefresh() {
        tokenRefreshes.incrementAndGet();
    }

    /** HTTP requests sent, retries included. */
    public long attempts() {
        return attempts.get();
    }

    /** Attempts that repeated an earlier one (after a 429, 5xx, connection failure, token failure or 401). */
    public long retries() {
        return retries.get();
    }

    /** 429 responses received. */
    public long throttled() {
        return throttled.get();
    }

    /**
     * Attempts that got no answer (connection reset, timeout) after the request went out: the service may have
     * accepted them, so their retry may be a second send of the same records (harmless: the service upserts).
     */
    public long unanswered() {
        return unanswered.get();
    }

    /** Tokens dropped and fetched again after a 401. */
    public long tokenRefreshes() {
        return tokenRefreshes.get();
    }
}
