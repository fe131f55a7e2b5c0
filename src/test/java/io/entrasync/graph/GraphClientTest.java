package io.entrasync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.auth.SecretScrubber;
import io.entrasync.auth.TokenAcquisitionException;

/**
 * {@link GraphClient} over real HTTP (a JDK server answering a queue of canned responses): the SmallRye FT guard's
 * retries, Retry-After read with the injected clock, the one token refresh, the gate on every attempt, scrubbing.
 */
class GraphClientTest {

    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");
    private static final long HUGE_PAGE_BYTES = 1L << 30;
    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(400), Duration.ofSeconds(30));

    private record Canned(int status, Map<String, String> headers, String body) {
    }

    private HttpServer server;
    private final ConcurrentLinkedQueue<Canned> answers = new ConcurrentLinkedQueue<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private final AtomicInteger gateEntries = new AtomicInteger();
    private final CallGate countingGate = () -> {
        gateEntries.incrementAndGet();
        return () -> {
        };
    };
    private final CallStats stats = new CallStats();
    private final AtomicLong hugePageBytes = new AtomicLong();
    private URI uri;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            Canned answer = answers.poll();
            if (answer == null) {
                answer = new Canned(200, Map.of(), "{}");
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.createContext("/huge-page", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(502, 0); // chunked: a gateway's page of any size
            byte[] filler = "<p>upstream overloaded</p>\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
            try (var out = exchange.getResponseBody()) {
                out.write("<html><head><title>502 Bad Gateway</title></head><body>".getBytes(StandardCharsets.UTF_8));
                while (hugePageBytes.get() < HUGE_PAGE_BYTES) {
                    out.write(filler);
                    hugePageBytes.addAndGet(filler.length);
                }
            } catch (IOException clientWentAway) {
                // expected: the client read what it needed and closed the connection
            }
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/beta/jobs/x/bulkUpload");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private GraphClient client(AccessTokenProvider tokens, SecretScrubber scrubber) {
        return new GraphClient(GraphClient.newHttpClient(Duration.ofSeconds(5)), tokens, POLICY, Duration.ofSeconds(5),
                new ObjectMapper(), waits::add, Clock.fixed(NOW, ZoneOffset.UTC)).withScrubber(scrubber);
    }

    private GraphClient client() {
        return client(new Tokens(), SecretScrubber.PATTERNS);
    }

    /** A gate whose passes write down what they were told. */
    private static CallGate recording(List<String> events) {
        return () -> new CallGate.Pass() {
            @Override
            public void bodySent() {
                events.add("bodySent");
            }

            @Override
            public void throttled() {
                events.add("throttled");
            }

            @Override
            public void close() {
                events.add("closed");
            }
        };
    }

    private void answer(int status, Map<String, String> headers, String body) {
        answers.add(new Canned(status, headers, body));
    }

    @Test
    void anHttpDateRetryAfterIsMeasuredFromTheInjectedClock() throws Exception {
        String in7s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(7),
                ZoneOffset.UTC));
        answer(503, Map.of("Retry-After", in7s), "<html><title>Service Unavailable</title></html>");

        GraphResponse response = client().post(uri, "{}".getBytes(StandardCharsets.UTF_8), "application/scim+json",
                countingGate, stats);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(stats.retries()).isEqualTo(1);
        assertThat(stats.attempts()).isEqualTo(2);
        assertThat(gateEntries).hasValue(2);
    }

    @Test
    void thePassHearsWhenTheBodyLeavesAndWhenTheServiceThrottled() throws Exception {
        answer(429, Map.of("Retry-After", "1"), "{\"error\":{\"code\":\"TooManyRequests\"}}");
        List<String> events = new CopyOnWriteArrayList<>();

        client().post(uri, "{}".getBytes(StandardCharsets.UTF_8), "application/scim+json", recording(events), stats);

        // attempt 1: sent, 429, closed; attempt 2: sent, closed. Each send is marked before its answer arrived.
        assertThat(events).containsExactly("bodySent", "throttled", "closed", "bodySent", "closed");
    }

    @Test
    void aRequestThatNeverLeftIsNotMarkedSent() {
        List<String> events = new CopyOnWriteArrayList<>();
        server.stop(0);

        assertThatThrownBy(() -> client().post(uri, "{}".getBytes(StandardCharsets.UTF_8), "application/scim+json",
                recording(events), stats)).isInstanceOf(GraphCallException.class);
        // refused connections: the pacer keeps each slot until the attempt ended, as if it had counted
        assertThat(events).isNotEmpty().doesNotContain("bodySent");
    }

    /** Graph's throttling guidance, "Sample response" (learn.microsoft.com/graph/throttling): Retry-After: 2.128. */
    @Test
    void graphsFractionalRetryAfterIsHonouredRoundedUp() throws Exception {
        answer(429, Map.of("Retry-After", "2.128"), "{\"error\":{\"code\":\"TooManyRequests\",\"innerError\":"
                + "{\"code\":\"429\",\"date\":\"2020-08-18T12:51:51\",\"message\":\"Please retry after\"}}}");

        GraphResponse response = client().get(uri, countingGate, stats);

        assertThat(response.status()).isEqualTo(200);
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
        assertThat(stats.throttled()).isEqualTo(1);
    }

    @Test
    void aNegativeRetryAfterCountsAsNoHeaderSoTheBackoffDecides() throws Exception {
        answer(429, Map.of("Retry-After", "-5"), "{\"error\":{\"code\":\"TooManyRequests\"}}");

        client().get(uri, countingGate, stats);

        // Backoff for retry 1 with equal jitter: between half the initial backoff and the initial backoff.
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(stats.throttled()).isEqualTo(1);
    }

    @Test
    void retriesStopAtThePolicysLimitAndEveryAttemptPassesTheGate() {
        for (int i = 0; i < POLICY.maxAttempts(); i++) {
            answer(502, Map.of(), "<html><head><title>502 Bad Gateway</title></head></html>");
        }

        assertThatThrownBy(() -> client().get(uri, countingGate, stats))
                .isInstanceOfSatisfying(GraphCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(GraphCallException.Kind.UNAVAILABLE);
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("after 4 attempts",
                            "attempt limit (4, upload.retries.max-attempts)", "502 Bad Gateway");
                });
        assertThat(gateEntries).hasValue(4);
        assertThat(stats.retries()).isEqualTo(3);
        assertThat(waits).hasSize(3);
    }

    @Test
    void aRetryAfterLongerThanTheLimitStopsWithoutWaiting() {
        answer(429, Map.of("Retry-After", "3600"), "{}");

        assertThatThrownBy(() -> client().get(uri, countingGate, stats))
                .isInstanceOfSatisfying(GraphCallException.class, e -> assertThat(e.getMessage())
                        .contains("asks to wait 3600 s", "30 s allowed"));
        assertThat(waits).isEmpty();
        assertThat(gateEntries).hasValue(1);
    }

    @Test
    void a401FetchesOneNewTokenInsideTheAttemptWithoutSpendingTheRetryBudget() throws Exception {
        Tokens tokens = new Tokens();
        GraphClient noRetries = new GraphClient(GraphClient.newHttpClient(Duration.ofSeconds(5)), tokens,
                new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(1)), Duration.ofSeconds(5), new ObjectMapper(),
                waits::add, Clock.fixed(NOW, ZoneOffset.UTC));
        answer(401, Map.of(), "{\"error\":{\"code\":\"InvalidAuthenticationToken\"}}");

        GraphResponse response = noRetries.get(uri, countingGate, stats);

        assertThat(response.status()).isEqualTo(200);
        assertThat(authorizations).containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(stats.tokenRefreshes()).isEqualTo(1);
        assertThat(gateEntries).hasValue(2);
        assertThat(waits).isEmpty();
    }

    @Test
    void aHugeErrorPageIsReadOnlyAsFarAsTheMessageNeeds() {
        GraphClient noRetries = new GraphClient(GraphClient.newHttpClient(Duration.ofSeconds(5)), new Tokens(),
                new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(1)), Duration.ofSeconds(5), new ObjectMapper(),
                waits::add, Clock.fixed(NOW, ZoneOffset.UTC));
        URI page = uri.resolve("/huge-page");

        assertThatThrownBy(() -> noRetries.get(page, countingGate, stats))
                .isInstanceOfSatisfying(GraphCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("HTML page '502 Bad Gateway'");
                });
        // a gigabyte was on offer; the client kept 64 KiB and closed the connection (socket buffers took the rest)
        assertThat(hugePageBytes.get()).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aSecond401IsAConfigurationError() {
        answer(401, Map.of(), "{}");
        answer(401, Map.of(), "{}");

        assertThatThrownBy(() -> client().get(uri, countingGate, stats))
                .isInstanceOfSatisfying(GraphCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(GraphCallException.Kind.CONFIGURATION));
        assertThat(authorizations).hasSize(2);
    }

    @Test
    void aTransientTokenFailureIsRetriedAndCostsNoGateEntry() throws Exception {
        Tokens tokens = new Tokens();
        tokens.failuresLeft.set(2);

        client(tokens, SecretScrubber.PATTERNS).get(uri, countingGate, stats);

        assertThat(gateEntries).hasValue(1);
        assertThat(stats.attempts()).isEqualTo(1);
        assertThat(stats.retries()).isEqualTo(2);
        assertThat(waits).hasSize(2);
    }

    @Test
    void secretsTheServiceEchoesNeverReachTheMessage() {
        answer(400, Map.of(), "{\"error\":{\"code\":\"BadRequest\",\"message\":\"bad form client_secret=s3cr3t-value"
                + " from app with secret s3cr3t-value and header Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.sig\","
                + "\"innerError\":{\"request-id\":\"r-1\"}}}");

        assertThatThrownBy(() -> client(new Tokens(), SecretScrubber.of("s3cr3t-value")).get(uri, countingGate, stats))
                .isInstanceOfSatisfying(GraphCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(GraphCallException.Kind.REJECTED);
                    assertThat(e.getMessage()).doesNotContain("s3cr3t-value").doesNotContain("eyJhbGciOiJub25lIn0")
                            .contains("BadRequest", "request-id r-1", SecretScrubber.MASK);
                });
    }

    @Test
    void aForgedLogLineAndTerminalEscapesInTheServiceMessageAreShownEscaped() {
        answer(400, Map.of(), "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Invalid"
                + "\\n2026-12-07 00:00:00,000 INFO  [io.entrasync.upload] (main) FORGED LINE \\u001b]0;pwned"
                + "\\u0007\\r\",\"innerError\":{\"request-id\":"
                + "\"r-2\\u001b[2J\"}}}");

        assertThatThrownBy(() -> client().get(uri, countingGate, stats))
                .isInstanceOfSatisfying(GraphCallException.class, e -> assertThat(e.getMessage())
                        .doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b").doesNotContain("\u0007")
                        .contains("Invalid\\n2026-12-07 00:00:00,000 INFO  [io.entrasync.upload] (main) FORGED LINE"
                                + " \\u001B]0;pwned\\u0007\\r", "r-2\\u001B[2J"));
    }

    @Test
    void anInterruptDuringTheWaitEndsTheCallBeforeAnotherRequest() {
        answer(503, Map.of("Retry-After", "1"), "{}");
        GraphClient interrupted = new GraphClient(GraphClient.newHttpClient(Duration.ofSeconds(5)), new Tokens(),
                POLICY, Duration.ofSeconds(5), new ObjectMapper(), wait -> {
                    throw new InterruptedException("shutdown");
                }, Clock.fixed(NOW, ZoneOffset.UTC));
        try {
            assertThatThrownBy(() -> interrupted.get(uri, countingGate, stats))
                    .isInstanceOf(InterruptedException.class);
            assertThat(authorizations).hasSize(1);
        } finally {
            Thread.interrupted(); // clear the flag for the next test
        }
    }

    /** Tokens "token-1", "token-2", ...; a new one after each invalidate; optionally failing transiently first. */
    private static final class Tokens implements AccessTokenProvider {
        private final AtomicInteger issued = new AtomicInteger(1);
        final AtomicInteger failuresLeft = new AtomicInteger();

        @Override
        public String accessToken() {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new TokenAcquisitionException("the token endpoint answered 503", true, null);
            }
            return "token-" + issued.get();
        }

        @Override
        public void invalidate() {
            issued.incrementAndGet();
        }
    }
}
