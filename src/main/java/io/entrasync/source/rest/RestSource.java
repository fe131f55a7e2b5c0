package io.entrasync.source.rest;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.auth.ClientCredentialsTokens;
import io.entrasync.retry.Sleeper;

/**
 * A generic HR REST API source: reads the records of one configured source page by page, optionally only those
 * changed since a watermark. Plain Java; construct it with {@link ApiSettings} (see {@link ApiPresets} and
 * {@link ApiSettingsFactory}).
 */
public final class RestSource {

    private final ApiSettings settings;
    private final HttpFetcher http;
    private final Clock clock;

    /** A source without OAuth 2.0 (none, basic or an API key). */
    public RestSource(ApiSettings settings) {
        this(settings, defaultClient(settings), Sleeper.REAL, Clock.systemUTC(), null);
    }

    /** A source of any auth; OAuth 2.0 tokens come from the app's one token client. */
    public RestSource(ApiSettings settings, ClientCredentialsTokens tokens) {
        this(settings, defaultClient(settings), Sleeper.REAL, Clock.systemUTC(), tokens);
    }

    public RestSource(ApiSettings settings, HttpClient client, Sleeper sleeper, Clock clock) {
        this(settings, client, sleeper, clock, null);
    }

    /** @param tokens the token client; may be null when the source does not use OAuth 2.0 */
    public RestSource(ApiSettings settings, HttpClient client, Sleeper sleeper, Clock clock,
            ClientCredentialsTokens tokens) {
        this(settings, client, sleeper, clock, tokens, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param tokens the token client; may be null when the source does not use OAuth 2.0
     * @param jitter where each retry backoff falls between half its ceiling and the ceiling (uniform in [0, 1));
     *               tests inject the extremes
     */
    public RestSource(ApiSettings settings, HttpClient client, Sleeper sleeper, Clock clock,
            ClientCredentialsTokens tokens, DoubleSupplier jitter) {
        this(settings, client, sleeper, clock, oauth(settings, tokens, Optional.empty()), jitter);
    }

    private RestSource(ApiSettings settings, HttpClient client, Sleeper sleeper, Clock clock,
            AccessTokenProvider oauth, DoubleSupplier jitter) {
        this.settings = settings;
        this.http = new HttpFetcher(settings, client, sleeper, clock, oauth, jitter);
        this.clock = clock;
    }

    /**
     * A source whose token and API calls trust {@code trust} instead of the JVM's trust store, presenting the
     * settings' client certificate on both: for tests against a local HTTPS stub that requires mutual TLS.
     */
    static RestSource trusting(ApiSettings settings, KeyStore trust, Sleeper sleeper, Clock clock,
            ClientCredentialsTokens tokens) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            return new RestSource(settings, client(settings, factory.getTrustManagers()), sleeper, clock,
                    oauth(settings, tokens, Optional.of(trust)), () -> ThreadLocalRandom.current().nextDouble());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot trust the given certificates: " + e.getMessage(), e);
        }
    }

    /** The source's OAuth 2.0 tokens, fetched presenting its client certificate (if any); null without OAuth 2.0. */
    private static AccessTokenProvider oauth(ApiSettings settings, ClientCredentialsTokens tokens,
            Optional<KeyStore> trust) {
        return settings.auth() instanceof ApiAuth.OAuth2ClientCredentials o && tokens != null
                ? tokens.provider(o.grant(), settings.clientCertificate(), trust)
                : null;
    }

    public static HttpClient defaultClient(ApiSettings settings) {
        return client(settings, null);
    }

    /**
     * The HTTP client of a source: HTTP/1.1, its connect timeout, no redirects of its own, and its client certificate
     * (mutual TLS) when it has one.
     *
     * @param trust the servers trusted; null for the JVM's default trust store (tests trust their own stub)
     */
    static HttpClient client(ApiSettings settings, TrustManager[] trust) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.http().connectTimeout())
                // Redirects are followed by HttpFetcher, and only within the configured origin (credentials stay
                // there).
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.clientCertificate().isPresent()) {
            builder.sslContext(settings.clientCertificate().get().sslContext(trust));
        } else if (trust != null) {
            builder.sslContext(trustOnly(trust));
        }
        return builder.build();
    }

    private static SSLContext trustOnly(TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    public ApiSettings settings() {
        return settings;
    }

    /**
     * Starts a read. With a watermark (an ISO-8601 instant from an earlier {@link ApiRead#nextWatermark()}), only
     * records changed since then are asked for; without one, everything (a full resync). Nothing is fetched until
     * the first {@link ApiRead#hasNext()}.
     *
     * @throws IllegalArgumentException when the watermark is not a timestamp
     */
    public ApiRead read(Optional<String> watermark) {
        Optional<Instant> since = watermark.filter(w -> !w.isBlank()).map(RestSource::parseWatermark);
        return new ApiRead(settings, http, since, clock.instant());
    }

    static Instant parseWatermark(String watermark) {
        return Timestamps.parse(watermark).orElseThrow(() -> new IllegalArgumentException(
                "the watermark '" + watermark
                + "' is not a timestamp; delete the stored watermark to read everything"));
    }
}
