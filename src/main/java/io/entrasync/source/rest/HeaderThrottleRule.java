package io.entrasync.source.rest;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.entrasync.retry.RetryAfter;

/**
 * Throttling as {@code 429} and the configured statuses ({@code http.throttle-statuses}; Paylocity also answers 403
 * when throttling, developer.paylocity.com) with the wait from {@code Retry-After} (seconds or an HTTP date, RFC 9110
 * section 10.2.3) or else from {@code X-RateLimit-Reset}: epoch seconds (HiBob, apidocs.hibob.com),
 * a number of seconds when the number is too small to be an instant, or an HTTP date.
 */
final class HeaderThrottleRule implements ThrottleRule {

    static final String RETRY_AFTER = "Retry-After";
    private static final int TOO_MANY_REQUESTS = 429;
    static final String RATE_LIMIT_RESET = "X-RateLimit-Reset";
    /** Numbers at or above this are epoch seconds (2001-09-09); below, seconds to wait. */
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;

    private final Set<Integer> statuses;

    HeaderThrottleRule(Set<Integer> statuses) {
        Set<Integer> all = new HashSet<>(statuses);
        all.add(TOO_MANY_REQUESTS);
        this.statuses = Set.copyOf(all);
    }

    @Override
    public boolean throttled(int status) {
        return statuses.contains(status);
    }

    @Override
    public Optional<Duration> demandedWait(HttpHeaders headers, Instant now) {
        return RetryAfter.parse(headers.firstValue(RETRY_AFTER).orElse(null), now)
                .or(() -> headers.firstValue(RATE_LIMIT_RESET).flatMap(reset -> resetWait(reset.trim(), now)));
    }

    @Override
    public String describe(HttpHeaders headers) {
        return headers.firstValue(RETRY_AFTER).map(v -> RETRY_AFTER + " " + v)
                .or(() -> headers.firstValue(RATE_LIMIT_RESET).map(v -> RATE_LIMIT_RESET + " " + v)).orElse("");
    }

    static Optional<Duration> resetWait(String reset, Instant now) {
        if (!reset.isEmpty() && reset.chars().allMatch(Character::isDigit) && reset.length() <= 18) {
            long value = Long.parseLong(reset);
            if (value < EPOCH_SECONDS_FROM) {
                return Optional.of(Duration.ofSeconds(value));
            }
            Duration wait = Duration.between(now, Instant.ofEpochSecond(value));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        }
        return RetryAfter.parse(reset, now);
    }
}
