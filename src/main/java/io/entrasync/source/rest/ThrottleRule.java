package io.entrasync.source.rest;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Which answers of an HR API mean "slow down", and how long the server asked to wait. */
interface ThrottleRule {

    /** Whether an answer with {@code status} is throttling (retried after the demanded wait or the backoff). */
    boolean throttled(int status);

    /** The wait the answer's headers demand, when they name one. */
    Optional<Duration> demandedWait(HttpHeaders headers, Instant now);

    /** A short text for logs: where the wait came from ({@code "Retry-After 30"}). */
    String describe(HttpHeaders headers);
}
