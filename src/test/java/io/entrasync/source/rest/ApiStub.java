package io.entrasync.source.rest;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.entrasync.auth.ClientCredentialsTokens;
import io.entrasync.retry.Sleeper;
import io.entrasync.source.SourceRecord;
import io.entrasync.source.SourceRow;

/**
 * A WireMock server on a free loopback port, a sleeper that records waits instead of sleeping, and read helpers. A
 * test class holds one per test as {@code @RegisterExtension final ApiStub stub = new ApiStub();}: JUnit makes a new
 * instance of the class (and so a new server) for each test and stops the server after it.
 */
final class ApiStub implements AutoCloseable, AfterEachCallback {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    final WireMockServer server;
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final Sleeper sleeper = waits::add;
    /** The backoff's jitter: random as in production unless a test pins it to an extreme. */
    volatile DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

    ApiStub() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    RestSource source(ApiSettings settings) {
        return source(null, settings);
    }

    /** A source whose OAuth 2.0 tokens come from the app's token client (a {@code @QuarkusTest} injects it). */
    RestSource source(ClientCredentialsTokens tokens, ApiSettings settings) {
        return new RestSource(settings, RestSource.defaultClient(settings), sleeper, Clock.fixed(NOW, ZoneOffset.UTC),
                tokens, () -> jitter.getAsDouble());
    }

    /**
     * Short back-offs so failure tests stay fast (real waits are only recorded); time-outs long enough that a loaded
     * shared machine does not turn a slow answer into a retry (time-outs have their own tests).
     */
    static HttpSettings fastHttp() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(20), 3, Duration.ofMillis(10),
                Duration.ofMillis(40), Duration.ofSeconds(30));
    }

    /** Everything a read yields, whatever happens; the failure (if any) and the watermark come back with it. */
    record Outcome(List<SourceRow> items, Optional<String> watermark, RuntimeException failure) {
        List<SourceRecord> records() {
            return items.stream().filter(SourceRow.Parsed.class::isInstance).map(i -> ((SourceRow.Parsed) i).record())
                    .toList();
        }

        List<SourceRow.Malformed> malformed() {
            return items.stream().filter(SourceRow.Malformed.class::isInstance).map(SourceRow.Malformed.class::cast)
                    .toList();
        }

        List<String> values(String column) {
            return records().stream().map(r -> r.get(column)).toList();
        }
    }

    static Outcome drain(RestSource source, Optional<String> watermark) {
        List<SourceRow> items = new ArrayList<>();
        try (ApiRead read = source.read(watermark)) {
            try {
                read.forEachRemaining(items::add);
            } catch (ApiSourceException e) {
                return new Outcome(items, read.nextWatermark(), e);
            }
            return new Outcome(items, read.nextWatermark(), null);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
