package io.entrasync.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the network between a client and the real service adds to a bulkUpload call, which a loopback emulator
 * otherwise hides: the answer's latency (hundreds of milliseconds against Graph), gateway errors whose body is an HTML
 * page rather than a Graph JSON error, and answers lost after the service accepted the call (the client sees a reset
 * or a timeout and cannot know the upload went in).
 *
 * @param latencyMin                 the shortest hold of a bulkUpload answer
 * @param latencyMax                 the longest hold; each answer waits a uniformly random time in between
 * @param htmlServerErrorProbability chance that a front end answers {@code 500} with an HTML page; the call does not
 *                                   reach the service
 * @param badGatewayProbability      chance of a {@code 502 Bad Gateway} HTML page; the call does not reach the service
 * @param lostAnswerProbability      chance that an accepted call (counted, processed) gets no answer at all
 * @param countsAtAnswer             when true the service counts a call (window, quota) when it answers, after the
 *                                   latency, instead of when the request arrives: Microsoft does not document the
 *                                   moment, so a client must stay within the window for either
 * @param lateArrivalProbability     chance that a request reaches the service {@code arrivalDelay} late (a stalled
 *                                   connection, a retransmitted packet, a busy host): the service counts it then, and
 *                                   its answer comes that much later too
 * @param arrivalDelay               how late such a request arrives
 */
public record NetworkConditions(Duration latencyMin, Duration latencyMax, double htmlServerErrorProbability,
        double badGatewayProbability, double lostAnswerProbability, boolean countsAtAnswer,
        double lateArrivalProbability, Duration arrivalDelay) {

    /** A perfect loopback network: no latency, no gateway faults, nothing lost. */
    public static final NetworkConditions NONE = new NetworkConditions(Duration.ZERO, Duration.ZERO, 0, 0, 0, false,
            0, Duration.ZERO);

    /** The body an Azure Application Gateway v2 serves with a 502 (what a client behind it receives). */
    static final String BAD_GATEWAY_HTML = """
            <html>
            <head><title>502 Bad Gateway</title></head>
            <body>
            <center><h1>502 Bad Gateway</h1></center>
            <hr><center>Microsoft-Azure-Application-Gateway/v2</center>
            </body>
            </html>
            """;

    /** The body of IIS's generic 500 page, which front ends return when the service behind them fails. */
    static final String SERVER_ERROR_HTML = """
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" \
            "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml">
            <head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
            <title>500 - Internal server error.</title></head>
            <body><div id="header"><h1>Server Error</h1></div>
            <div id="content"><fieldset><h2>500 - Internal server error.</h2>
            <h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>
            </fieldset></div></body>
            </html>
            """;

    public NetworkConditions {
        Objects.requireNonNull(latencyMin, "latencyMin");
        Objects.requireNonNull(latencyMax, "latencyMax");
        if (latencyMin.isNegative() || latencyMax.compareTo(latencyMin) < 0) {
            throw new IllegalArgumentException("latency must be a range 0 <= min <= max, got "
                    + Durations.format(latencyMin)
                    + ".." + Durations.format(latencyMax));
        }
        probability("htmlServerErrorProbability", htmlServerErrorProbability);
        probability("badGatewayProbability", badGatewayProbability);
        probability("lostAnswerProbability", lostAnswerProbability);
        probability("lateArrivalProbability", lateArrivalProbability);
        Objects.requireNonNull(arrivalDelay, "arrivalDelay");
        if (arrivalDelay.isNegative()) {
            throw new IllegalArgumentException("arrivalDelay must be 0 or more, got " + Durations.format(arrivalDelay));
        }
        if (htmlServerErrorProbability + badGatewayProbability > 1.0 + 1e-9) {
            throw new IllegalArgumentException("htmlServerErrorProbability + badGatewayProbability must be at most 1");
        }
    }

    /**
     * Reads a latency range as the CLI takes it: {@code 300ms..600ms}, or one duration ({@code 250ms}) for a fixed
     * latency.
     */
    public static Duration[] parseLatency(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A latency is required, e.g. 300ms..600ms or 250ms");
        }
        String[] parts = text.trim().split("\\.\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("Not a latency range: '" + text + "' (use e.g. 300ms..600ms)");
        }
        Duration min = Durations.parse(parts[0]);
        Duration max = parts.length == 2 ? Durations.parse(parts[1]) : min;
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("The latency range '" + text + "' ends before it starts");
        }
        return new Duration[] {min, max};
    }

    /** {@code 300ms..600ms}, or {@code 0} without latency. */
    public String latencyText() {
        return latencyMin.equals(latencyMax) ? Durations.format(latencyMin)
                : Durations.format(latencyMin) + ".." + Durations.format(latencyMax);
    }

    public NetworkConditions withLatency(Duration min, Duration max) {
        return new NetworkConditions(min, max, htmlServerErrorProbability, badGatewayProbability, lostAnswerProbability,
                countsAtAnswer, lateArrivalProbability, arrivalDelay);
    }

    public NetworkConditions withGatewayFaults(double htmlServerError, double badGateway, double lostAnswer) {
        return new NetworkConditions(latencyMin, latencyMax, htmlServerError, badGateway, lostAnswer, countsAtAnswer,
                lateArrivalProbability, arrivalDelay);
    }

    /** Where the service counts a call: when it answers (true) or when the request arrives (false, the default). */
    public NetworkConditions withCountingAtAnswer(boolean atAnswer) {
        return new NetworkConditions(latencyMin, latencyMax, htmlServerErrorProbability, badGatewayProbability,
                lostAnswerProbability, atAnswer, lateArrivalProbability, arrivalDelay);
    }

    /**
     * With {@code probability}, a request reaches the service {@code delay} late: the jitter between a client's send
     * and the service's count that a pacer counting from the send must allow for.
     */
    public NetworkConditions withLateArrivals(double probability, Duration delay) {
        return new NetworkConditions(latencyMin, latencyMax, htmlServerErrorProbability, badGatewayProbability,
                lostAnswerProbability, countsAtAnswer, probability, delay);
    }

    /** Holds the arriving request for the arrival delay, if this call's draw makes it a late one. */
    void delayArrival() throws InterruptedException {
        if (lateArrivalProbability > 0 && !arrivalDelay.isZero()
                && ThreadLocalRandom.current().nextDouble() < lateArrivalProbability) {
            Thread.sleep(arrivalDelay.toMillis());
        }
    }

    /** Holds the calling (answering) thread for this call's latency. */
    void hold() throws InterruptedException {
        long min = latencyMin.toMillis();
        long max = latencyMax.toMillis();
        long millis = max > min ? ThreadLocalRandom.current().nextLong(min, max + 1) : min;
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** One draw per call: the gateway fault in front of the service, or null when the call goes through. */
    GatewayFault drawGatewayFault() {
        double draw = ThreadLocalRandom.current().nextDouble();
        if ((draw -= htmlServerErrorProbability) < 0) {
            return new GatewayFault(500, SERVER_ERROR_HTML);
        }
        if (draw - badGatewayProbability < 0) {
            return new GatewayFault(502, BAD_GATEWAY_HTML);
        }
        return null;
    }

    boolean drawLostAnswer() {
        return lostAnswerProbability > 0 && ThreadLocalRandom.current().nextDouble() < lostAnswerProbability;
    }

    private static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1: " + value);
        }
    }
}
