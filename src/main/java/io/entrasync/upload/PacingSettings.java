package io.entrasync.upload;

import java.time.Duration;

import io.entrasync.contract.ServiceLimits;

/**
 * At most {@code calls} bulkUpload calls in any sliding {@code window}, each counted as {@code hold} says. Default 40
 * per 5 s, the service's documented limit (older docs say 40 per second; the stricter reading is the default),
 * counted from the send ({@link Hold#SEND}) with {@link #DEFAULT_SEND_MARGIN}.
 *
 * @param hold       how long one call holds its place in the window
 * @param sendMargin with {@link Hold#SEND}: the least margin past one window after a call's send during which it
 *                   counts; each call adds how much slower its answer was than the fastest recent one
 *                   ({@link SendMargin})
 */
public record PacingSettings(int calls, Duration window, Hold hold, Duration sendMargin) {

    /** Covers the request's way from the client's send to the service's count: connection, body, network. */
    public static final Duration DEFAULT_SEND_MARGIN = Duration.ofMillis(100);

    public static final PacingSettings DEFAULT = new PacingSettings(ServiceLimits.CALLS_PER_WINDOW,
            Duration.ofSeconds(ServiceLimits.CALL_WINDOW_SECONDS));

    /** How long a call counts in the window. */
    public enum Hold {
        /**
         * From the moment it is let through until its answer, then until one window after it was sent plus its send
         * margin (learned from that answer), or after its answer if that came first: the service counts a request
         * when it arrives (the reading of the issue and of Microsoft's "40 calls within any 5-second window"), which
         * is at the latest when it answers.
         */
        SEND,
        /**
         * Until one window after its answer: safe wherever between send and answer the service counts, at the cost
         * of one answer's latency per window and slot. Taken automatically for the rest of a pacer's life when the
         * service answers 429 although the window was kept.
         */
        ANSWER
    }

    public PacingSettings {
        if (calls < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("pacing needs at least 1 call per positive window");
        }
        if (hold == null || sendMargin == null || sendMargin.isNegative()) {
            throw new IllegalArgumentException("pacing needs a hold rule and a send margin of 0 or more");
        }
    }

    /** Counted from the send, with the default margin. */
    public PacingSettings(int calls, Duration window) {
        this(calls, window, Hold.SEND, DEFAULT_SEND_MARGIN);
    }

    /** The same limit with another hold rule. */
    public PacingSettings withHold(Hold rule) {
        return new PacingSettings(calls, window, rule, sendMargin);
    }
}
