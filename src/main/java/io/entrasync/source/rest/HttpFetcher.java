package io.entrasync.source.rest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.smallrye.faulttolerance.api.Guard;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.auth.SecretScrubber;
import io.entrasync.auth.TokenAcquisitionException;
import io.entrasync.retry.Sleeper;

/**
 * The one place a REST source talks HTTP: authentication, timeouts, retries, and where credentials may go. Throttling
 * ({@code 429}, and BambooHR's {@code 503}) waits for the server's {@code Retry-After} (capped by
 * {@link HttpSettings#maxRetryAfter()}); 5xx answers, timeouts and connection failures are retried with
 * exponential backoff up to {@link HttpSettings#maxAttempts()}. The retries and a circuit breaker are a SmallRye
 * Fault Tolerance {@link Guard} per source ({@link HrApiGuard}); the waits go through the {@link Sleeper}.
 *
 * <p>Credentials go only to the configured origin (scheme, host and port of the base URL): a request for another
 * origin, or a redirect to one, fails with a clear error and is never sent. Every body is spooled to a temporary file
 * so a page is parsed record by record and never held whole in memory, and the HTTP connection is not held open while
 * the pipeline works through the records.
 */
final class HttpFetcher {

    private static final Set<Integer> TRANSIENT = Set.of(500, 502, 503, 504);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;

    private final ApiSettings settings;
    private final HttpClient client;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final AccessTokenProvider tokens;
    private final Guard guard;
    private final SecretScrubber scrubber;
    private final ThrottleRule throttle;
    private final RequestPace pace;

    /**
     * @param tokens the source's OAuth 2.0 tokens (the app's one token client); null unless the auth is OAuth 2.0
     * @param jitter the random source of the retry backoff's jitter (uniform in [0, 1))
     */
    HttpFetcher(ApiSettings settings, HttpClient client, Sleeper sleeper, Clock clock, AccessTokenProvider tokens,
            DoubleSupplier jitter) {
        this.settings = settings;
        this.client = client;
        this.sleeper = sleeper;
        this.clock = clock;
        this.jitter = jitter;
        this.tokens = tokens;
        if (settings.auth() instanceof ApiAuth.OAuth2ClientCredentials && tokens == null) {
            throw new IllegalArgumentException("source '" + settings.sourceName()
                    + "' uses OAuth 2.0 client credentials: construct its RestSource with the token client");
        }
        this.guard = HrApiGuard.create(settings, this::pause);
        this.throttle = new HeaderThrottleRule(settings.throttling().statuses());
        this.pace = new RequestPace(settings.throttling().requestsPerMinute(), clock, this::pause);
        this.scrubber = settings.scrubber();
    }

    /** {@code text} without this source's secrets. */
    String scrub(String text) {
        return scrubber.scrub(text);
    }

    /** A successful (2xx) response whose body waits in a temporary file; the caller deletes it. */
    record Fetched(URI uri, int status, HttpHeaders headers, Path body) {
    }

    /**
     * GETs {@code uri} for {@code what} ("page 3"), authenticated, with retries. A non-2xx answer ends in an
     * exception unless its status is in {@code allowed}; then the caller handles it (and deletes the body).
     *
     * @param session the read's session (cookies, CSRF token) when the source reuses one; {@link Session#NONE} else
     */
    Fetched get(URI uri, String what, Set<Integer> allowed, Session session) {
        return fetch(new ListRequest.Prepared(uri, "GET", Optional.empty()), what, allowed, session);
    }

    /** As {@link #get}, with the request's method and JSON body (HiBob's {@code POST /v1/people/search}). */
    Fetched fetch(ListRequest.Prepared prepared, String what, Set<Integer> allowed, Session session) {
        URI uri = prepared.uri();
        requireConfiguredOrigin(uri, what, "the request");
        boolean tokenRefreshed = false;
        URI target = uri;
        int redirects = 0;
        while (true) {
            URI current = target;
            Fetched fetched = send(() -> {
                HttpRequest.Builder request = HttpRequest.newBuilder(current)
                        .method(prepared.method(), prepared.body().map(HttpRequest.BodyPublishers::ofString)
                                .orElseGet(HttpRequest.BodyPublishers::noBody))
                        .timeout(settings.http().requestTimeout())
                        .header("Accept", "application/json");
                prepared.body().ifPresent(body -> request.header("Content-Type", "application/json"));
                settings.headers().forEach(request::setHeader);
                session.addTo(request);
                settings.auth().signIn(request, tokens); // token failures: see attempt()
                return request.build();
            }, what, Set.of(401));
            session.remember(fetched.headers());
            if (fetched.status() == 401 && tokens != null && !tokenRefreshed) {
                // An access token can be revoked or expire early; fetch a fresh one once before giving up.
                ResponseBodies.deleteQuietly(fetched.body());
                tokens.invalidate();
                tokenRefreshed = true;
                continue;
            }
            if (REDIRECTS.contains(fetched.status()) && !allowed.contains(fetched.status())) {
                target = redirectTarget(current, fetched, what, ++redirects);
                continue;
            }
            if (fetched.status() / 100 != 2 && !allowed.contains(fetched.status())) {
                throw failure(what, current, fetched, 1);
            }
            return fetched;
        }
    }

    /**
     * Fails unless {@code uri} has the base URL's scheme, host and port: the source's credentials are sent only
     * there. {@code role} names what pointed elsewhere ("the next-page link", "a redirect").
     */
    void requireConfiguredOrigin(URI uri, String what, String role) {
        URI base = settings.baseUrl();
        if (!origin(uri).equals(origin(base))) {
            throw new ApiSourceException(prefix(what) + role + " points at " + origin(uri) + " (" + uri
                    + "), not at the configured origin " + origin(base) + " of base-url. It is not followed: the "
                    + "source's credentials go only to the configured host. The records before it were handed on; "
                    + "the run stops without advancing the watermark. If the HR system really moved, correct "
                    + "base-url of this source.");
        }
    }

    /** {@code scheme://host:port}, lower case, with the scheme's default port made explicit. */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        return scheme + "://" + host + ":" + port;
    }

    private URI redirectTarget(URI current, Fetched fetched, String what, int redirects) {
        ResponseBodies.deleteQuietly(fetched.body());
        Optional<String> location = fetched.headers().firstValue("Location").filter(l -> !l.isBlank());
        if (location.isEmpty() || redirects > MAX_REDIRECTS) {
            throw new ApiSourceException(prefix(what) + "GET " + current + " answered HTTP " + fetched.status()
                    + (location.isEmpty() ? " without a Location" : " once more after " + MAX_REDIRECTS + " redirects")
                    + ": check the base URL and path of this source. The run stops without advancing the watermark.");
        }
        URI next = current.resolve(location.get().trim());
        requireConfiguredOrigin(next, what, "a redirect (HTTP " + fetched.status() + ") from " + current);
        return next;
    }

    private ApiSourceException tokenFailure(String what, TokenAcquisitionException e, int attempt) {
        return new ApiSourceException(prefix(what) + scrub(e.getMessage()) + (attempt > 1 ? " (after " + attempt
                + " attempts)" : "") + " The run stops without advancing the watermark.", e);
    }

    /**
     * Sends through the guard (retries, circuit breaker). Returns the final response whatever its status, except that
     * exhausted retries of throttling, 5xx or I/O failures end in an {@link ApiSourceException}. {@code passThrough}
     * statuses are returned at once (the caller handles them).
     */
    Fetched send(Supplier<HttpRequest> requests, String what, Set<Integer> passThrough) {
        RequestAttempts attempts = new RequestAttempts(settings.http(), jitter);
        try {
            return guard.call(() -> attempt(requests, what, passThrough, attempts), Fetched.class);
        } catch (HrApiGuard.TransientFailure exhausted) {
            throw exhausted.whenExhausted();
        } catch (CircuitBreakerOpenException open) {
            throw new ApiSourceException(prefix(what) + "not called: the HR API failed "
                    + HrApiGuard.requestsToOpen(settings) + " requests in a row, so this process leaves it alone for "
                    + settings.circuit().openFor() + " (circuit breaker open). The run stops without advancing the "
                    + "watermark; a later sync tries again.", open);
        } catch (ApiSourceException e) {
            throw e;
        } catch (Exception e) {
            throw new ApiSourceException(prefix(what) + "the request failed: " + e.getMessage(), e);
        }
    }

    /** One attempt; a retryable outcome is thrown as a {@link HrApiGuard.TransientFailure} with its wait. */
    private Fetched attempt(Supplier<HttpRequest> requests, String what, Set<Integer> passThrough,
                          RequestAttempts attempts)
            throws HrApiGuard.TransientFailure {
        HttpSettings policy = settings.http();
        int attempt = attempts.next();
        HttpRequest request;
        try {
            // The token is fetched inside the guarded attempt: a token endpoint that is briefly unreachable or
            // answers a gateway error is retried like the API itself; a refused client fails at once.
            request = requests.get();
        } catch (TokenAcquisitionException e) {
            if (!e.isTransient()) {
                throw tokenFailure(what, e, attempt);
            }
            Duration wait = attempts.backoff();
            throw new HrApiGuard.TransientFailure(wait, String.format("source '%s': %s: no access token (%s), attempt"
                    + " %d of %d; retrying in %s", settings.sourceName(), what, scrub(e.getMessage()), attempt,
                    policy.maxAttempts(), wait), tokenFailure(what, e, attempt));
        }
        Fetched fetched;
        try {
            fetched = exchange(request);
        } catch (IOException | TimeoutException e) {
            String reason = e instanceof TimeoutException
                    ? "no complete response within " + policy.requestTimeout()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            Duration wait = attempts.backoff();
            throw new HrApiGuard.TransientFailure(wait, String.format("source '%s': %s failed (%s), attempt %d of %d;"
                    + " retrying in %s", settings.sourceName(), what, reason, attempt, policy.maxAttempts(), wait),
                    new ApiSourceException(prefix(what) + "GET " + request.uri() + " failed after " + attempt
                            + " attempts (" + reason + "). Check that the HR API is reachable from here and the base "
                            + "URL is right" + tlsHint(request.uri(), e) + "; the run stops without advancing the "
                            + "watermark, so the next run reads these changes again.", e));
        }
        int status = fetched.status();
        if ((throttle.throttled(status) || TRANSIENT.contains(status)) && !passThrough.contains(status)) {
            Optional<Duration> demanded = throttle.demandedWait(fetched.headers(), clock.instant());
            Duration wait = demanded.map(d -> min(d, policy.maxRetryAfter())).orElseGet(attempts::backoff);
            String log = String.format("source '%s': %s answered HTTP %d, attempt %d of %d; retrying in %s%s",
                    settings.sourceName(), what, status, attempt, policy.maxAttempts(), wait,
                    demanded.isPresent() ? " (" + throttle.describe(fetched.headers()) + ")" : "");
            throw new HrApiGuard.TransientFailure(wait, log, failure(what, request.uri(), fetched, attempt));
        }
        return fetched;
    }

    private Fetched exchange(HttpRequest request) throws IOException, TimeoutException {
        pace.beforeRequest();
        Path body = Files.createTempFile("entrasync-api-", ".json");
        CompletableFuture<HttpResponse<Path>> future = client.sendAsync(request, ResponseBodies.spoolTo(body));
        try {
            // The request timeout of java.net.http covers the headers only; bound the whole body as well.
            HttpResponse<Path> response = future.get(settings.http().requestTimeout()
                    .toMillis() + 1, TimeUnit.MILLISECONDS);
            return new Fetched(request.uri(), response.statusCode(), response.headers(), body);
        } catch (ExecutionException e) {
            ResponseBodies.deleteQuietly(body);
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (TimeoutException | CancellationException e) {
            future.cancel(true);
            ResponseBodies.deleteQuietly(body);
            throw new TimeoutException("timed out");
        } catch (InterruptedException e) {
            future.cancel(true);
            ResponseBodies.deleteQuietly(body);
            Thread.currentThread().interrupt();
            throw new ApiSourceException(prefix("") + "interrupted while reading", e);
        } catch (RuntimeException e) {
            ResponseBodies.deleteQuietly(body);
            throw e;
        }
    }

    /**
     * Over HTTPS, a server that requires a client certificate refuses a missing or untrusted one by ending the TLS
     * session (TLS 1.3: after the handshake, so the client sees an empty answer or a reset, not an SSL error).
     */
    private String tlsHint(URI uri, Exception e) {
        boolean tlsRefusal = e instanceof SSLException || String.valueOf(e.getMessage()).contains("received no bytes")
                || String.valueOf(e.getMessage()).contains("reset");
        if (!"https".equalsIgnoreCase(uri.getScheme()) || !tlsRefusal) {
            return "";
        }
        return settings.clientCertificate().map(c -> ". If the HR API requires mutual TLS, it may not accept the "
                + "client certificate " + c.certificate().getSubjectX500Principal().getName() + " of " + c.key()
                + " (not registered with the vendor, or renewed since)")
                .orElse(". If the HR API requires mutual TLS (a client certificate), set auth.client-certificate or"
                        + " auth.client-certificate-file of this source");
    }

    ApiSourceException failure(String what, URI uri, Fetched fetched, int attempts) {
        String body = ResponseBodies.errorBody(fetched.body());
        ResponseBodies.deleteQuietly(fetched.body());
        int status = fetched.status();
        String hint = hint(status);
        return new ApiSourceException(scrub(prefix(what) + "GET " + uri + " answered HTTP " + status
                + (attempts > 1 ? " after " + attempts + " attempts" : "")
                + (body.isEmpty() ? "" : " (" + body + ")")) + ": " + hint
                + ". The run stops without advancing the watermark.");
    }

    /** What a final answer with {@code status} most likely means, and what to do. */
    private String hint(int status) {
        if (throttle.throttled(status) && status != 429) {
            return "the HR API kept throttling (HTTP " + status + " is listed in http.throttle-statuses of this "
                    + "source); run less often, lower http.requests-per-minute or ask for a higher rate limit";
        }
        return switch (status) {
            case 400 -> "the API rejected the request: check the path, query parameters and filter of this source";
            case 401 -> "the credentials were refused: check the user, password, API key or OAuth client settings";
            case 403 -> "the credentials lack permission: grant the API user read access to these records";
            case 404 -> "nothing at this address: check the base URL and path of this source";
            case 429 -> "the HR API kept throttling; run less often or ask for a higher rate limit";
            default -> status >= 500
                    ? "the HR API kept failing; the next run reads these changes again"
                    : "unexpected answer from the HR API";
        };
    }

    String prefix(String what) {
        return "source '" + settings.sourceName() + "'" + (what.isEmpty() ? "" : ", " + what) + ": ";
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiSourceException(prefix("") + "interrupted while waiting to retry", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
