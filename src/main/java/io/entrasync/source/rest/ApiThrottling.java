package io.entrasync.source.rest;

import java.util.Set;

/**
 * How an HR API source is kept under its vendor's limits.
 *
 * @param statuses          answers that mean "slow down": retried after {@code Retry-After} or
 *                          {@code X-RateLimit-Reset} (else the backoff); {@code 429} by default, Paylocity also
 *                          {@code 403}
 * @param requestsPerMinute the most requests a read sends per minute (HiBob 50, Gusto 200); 0 = no pace
 */
public record ApiThrottling(Set<Integer> statuses, double requestsPerMinute) {
    public ApiThrottling {
        statuses = Set.copyOf(statuses == null ? Set.of(429) : statuses);
        if (requestsPerMinute < 0 || Double.isNaN(requestsPerMinute)) {
            throw new IllegalArgumentException("requests per minute must be 0 or more, got " + requestsPerMinute);
        }
    }

    public static ApiThrottling defaults() {
        return new ApiThrottling(Set.of(429), 0);
    }
}
