package io.entrasync.graph;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Flow;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.auth.SecretScrubber;
import io.entrasync.auth.TokenAcquisitionException;
import io.entrasync.http.ErrorBodyHandler;
import io.entrasync.retry.RetryAfter;
import io.entrasync.retry.Sleeper;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The one HTTP setup for Microsoft Graph: timeouts, bearer token, retries. bulkUpload (upload), the provisioning
 * logs and the job status (reconciliation) all go through it, each with its own {@link CallGate} for pacing and
 * quota.
 *
 * <ul>
 * <li>429, 500, 502, 503, 504 (JSON or an HTML page from a gateway), connection resets, timeouts, and transient token
 * failures: tried up to {@link RetryPolicy#maxAttempts()} times (the first try included) by the SmallRye Fault
 * Tolerance guard of {@link GraphRetry}, after the server's {@code Retry-After} when present, else exponential
 * backoff with jitter;</li>
 * <li>401: the token is dropped and fetched again once, inside the same attempt; a second 401 fails;</li>
 * <li>anything else that is not 2xx: fails at once with a message saying what to check, with any secret the service
 * echoed scrubbed ({@link SecretScrubber}).</li>
 * </ul>
 * Every attempt passes the gate again, inside the guarded action, so retries are paced and counted against the quota
 * like first tries; the token is fetched before the gate, so an attempt that cannot get one costs no quota.
 *
 * <p>bulkUpload's body stays raw bytes through {@link java.net.http.HttpClient} rather than a typed REST client: the
 * engine serializes each batch once (its size is checked against the service's limit and it is re-sent unchanged on
 * every retry), and a typed client would serialize it again per attempt from an object model. Thread-safe.
 */
public final class GraphClient {

    private static final Logger LOG = Logger.getLogger(GraphClient.class);
    private static final ErrorBodyHandler ERROR_BODY_CAPPED = new ErrorBodyHandler();

    private final HttpClient http;
    private final AccessTokenProvider tokens;
    private final RetryPolicy retryPolicy;
    private final Duration requestTimeout;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final SecretScrubber scrubber;
    private final Guard guard;

    public GraphClient(HttpClient http, AccessTokenProvider tokens, RetryPolicy retryPolicy, Duration requestTimeout,
            ObjectMapper mapper) {
        this(http, tokens, retryPolicy, requestTimeout, mapper, Sleeper.REAL, Clock.systemUTC());
    }

    /** A client whose error messages are scrubbed of secret-looking text ({@link SecretScrubber#PATTERNS}). */
    public GraphClient(HttpClient http, AccessTokenProvider tokens, RetryPolicy retryPolicy, Duration requestTimeout,
            ObjectMapper mapper, Sleeper sleeper, Clock clock) {
        this.http = http;
        this.tokens = tokens;
        this.retryPolicy = retryPolicy;
        this.requestTimeout = requestTimeout;
        this.mapper = mapper;
        this.clock = clock;
        this.scrubber = SecretScrubber.PATTERNS;
        this.guard = GraphRetry.create(retryPolicy, sleeper);
    }

    private GraphClient(GraphClient other, SecretScrubber scrubber) {
        this.http = other.http;
        this.tokens = other.tokens;
        this.retryPolicy = other.retryPolicy;
        this.requestTimeout = other.requestTimeout;
        this.mapper = other.mapper;
        this.clock = other.clock;
        this.scrubber = scrubber;
        this.guard = other.guard;
    }

    /**
     * The same client with its error messages scrubbed of a source's secrets.
     *
     * @param sourceScrubber removes the source's secrets from what the service answers before it reaches a message
     */
    public GraphClient withScrubber(SecretScrubber sourceScrubber) {
        return new GraphClient(this, sourceScrubber);
    }

    /** An HTTP/1.1 client with a connect timeout, shared by the Graph client and the token endpoint. */
    public static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public GraphResponse post(URI uri, byte[] body, String contentType, CallGate gate, CallStats stats)
            throws InterruptedException {
        return send(new Call(uri, "POST", body, contentType, gate, stats));
    }

    public GraphResponse get(URI uri, CallGate gate, CallStats stats) throws InterruptedException {
        return send(new Call(uri, "GET", null, null, gate, stats));
    }

    private GraphResponse send(Call call) throws InterruptedException {
        try {
            return guard.call(call::attempt, GraphResponse.class);
        } catch (GraphRetry.Retryable exhausted) {
            throw exhausted.whenExhausted();
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    /** One Graph request and its attempts. */
    private final class Call {
        private final URI uri;
        private final String method;
        private final byte[] body;
        private final String contentType;
        private final CallGate gate;
        private final CallStats stats;
        /** Guarded attempts so far (the first try and the policy's retries). */
        private int tries;
        /** HTTP requests sent so far (a 401's re-send included). */
        private int sent;
        private boolean tokenRefreshed;

        Call(URI uri, String method, byte[] body, String contentType, CallGate gate, CallStats stats) {
            this.uri = uri;
            this.method = method;
            this.body = body;
            this.contentType = contentType;
            this.gate = gate;
            this.stats = stats;
        }

        /** One guarded attempt: a success, a {@link GraphRetry.Retryable}, or a final {@link GraphCallException}. */
        GraphResponse attempt() throws InterruptedException, GraphRetry.Retryable {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting to retry " + method + " " + uri.getPath());
            }
            tries++;
            boolean lastTry = tries >= retryPolicy.maxAttempts();
            while (true) {
                String token;
                try {
                    // Before the gate: a call that never leaves for want of a token costs no quota.
                    token = tokens.accessToken();
                } catch (TokenAcquisitionException e) {
                    if (!e.isTransient()) {
                        throw new GraphCallException(GraphCallException.Kind.CONFIGURATION, 0, e.getMessage(), null,
                                null, e);
                    }
                    int tried = tries;
                    Duration wait = retryPolicy.backoff(tries);
                    throw new GraphRetry.Retryable(wait, String.format("%s %s: no token yet (%s); retry %d in %d ms",
                            method, uri.getPath(), e.getMessage(), tries, wait.toMillis()), stats,
                            () -> new GraphCallException(GraphCallException.Kind.UNAVAILABLE, 0, e.getMessage()
                                    + " (after " + tried + " tries; the unsent records can be sent again later)",
                                    null, null, e));
                }
                sent++;
                HttpResponse<String> response;
                try (CallGate.Pass pass = gate.enter()) {
                    stats.countAttempt();
                    response = http.send(request(token, pass::bodySent), ERROR_BODY_CAPPED);
                    if (response.statusCode() == 429) {
                        pass.throttled();
                    }
                } catch (IOException e) {
                    // A reset or timeout after the request went out: the service may have accepted it. Sending it
                    // again is harmless (the service upserts by externalId) and is counted.
                    stats.countUnanswered();
                    int attempts = sent;
                    Duration wait = retryPolicy.backoff(tries);
                    throw new GraphRetry.Retryable(wait, String.format("%s %s: no answer (%s) to attempt %d of %d;"
                            + " retry in %d ms", method, uri.getPath(), e.getClass().getSimpleName(), tries,
                            retryPolicy.maxAttempts(), wait.toMillis()), stats,
                            () -> new GraphCallException(GraphCallException.Kind.UNAVAILABLE, 0, "Could not reach "
                                    + uri.getHost() + " after " + attempts + " attempts ("
                                    + scrubber.scrub(e.toString())
                                    + "). Check the network path to Microsoft Graph and the Graph URL; the unsent"
                                    + " records can be sent again later.", null, null, e));
                }
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new GraphResponse(status, response.headers(), response.body(), sent);
                }
                ServiceError error = ServiceError.parse(mapper, response.body(), scrubber);
                if (status == 401 && !tokenRefreshed) {
                    tokenRefreshed = true;
                    if (tokens.invalidate(token)) {
                        stats.countTokenRefresh(); // else a call beside this one already fetched a new token
                    }
                    stats.countRetry();
                    LOG.infof("%s %s: 401 %s; fetching a new token and trying once more", method, uri.getPath(),
                            error.code());
                    continue;
                }
                if (isTransient(status)) {
                    throw transientFailure(status, error, response, lastTry);
                }
                throw failure(status == 401 || status == 403 || status == 404 || status == 405
                        ? GraphCallException.Kind.CONFIGURATION
                        : status >= 500 ? GraphCallException.Kind.UNAVAILABLE : GraphCallException.Kind.REJECTED,
                        status, error, adviceFor(status, uri));
            }
        }

        private GraphRetry.Retryable transientFailure(int status, ServiceError error, HttpResponse<String> response,
                boolean lastTry) {
            if (status == 429) {
                stats.countThrottled();
            }
            Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After")
                    .orElse(null), clock.instant());
            int attempts = sent;
            if (!lastTry && retryAfter.isPresent() && retryAfter.get().compareTo(retryPolicy.maxBackoff()) > 0) {
                throw failure(GraphCallException.Kind.UNAVAILABLE, status, error, describeStatus(status)
                        + " and the service asks to wait " + retryAfter.get().toSeconds() + " s, more than the "
                        + retryPolicy.maxBackoff().toSeconds() + " s allowed (retries.max-backoff); the tenant's"
                        + " daily limit may be reached. The unsent records can be sent again later.");
            }
            Duration wait = retryAfter.orElseGet(() -> retryPolicy.backoff(tries));
            return new GraphRetry.Retryable(wait, String.format("%s %s: %d%s to attempt %d of %d; retry in %d ms%s",
                    method, uri.getPath(), status, error.fromHtml() ? " (" + error.message() + ")" : "", tries,
                    retryPolicy.maxAttempts(), wait.toMillis(), retryAfter.isPresent() ? " (Retry-After)" : ""), stats,
                    () -> failure(GraphCallException.Kind.UNAVAILABLE, status, error, describeStatus(status)
                            + " after " + attempts + " attempts; the attempt limit (" + retryPolicy.maxAttempts()
                            + ", upload.retries.max-attempts) is reached. The unsent records can be sent again"
                            + " later."));
        }

        /** The request; {@code bodySent} runs when the client has taken its whole body (connection up, headers out). */
        private HttpRequest request(String token, Runnable bodySent) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (body != null) {
                builder.header("Content-Type", contentType).method(method,
                        new BodySentPublisher(HttpRequest.BodyPublishers.ofByteArray(body), bodySent));
            } else {
                // no body, no mark: a pacer that counts from the send keeps this call's slot until its answer
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return builder.build();
        }
    }

    /**
     * Tells when the HTTP client has taken the whole body, after opening the connection and writing the headers: the
     * moment closest to the request's arrival that java.net.http exposes. A pacer that counts calls from their send
     * measures from here, so opening connections in a burst is not counted against the send margin, and a service
     * that counts a request once all of it has arrived is not counted too early either. A body never taken (no
     * connection) is never marked.
     */
    private static final class BodySentPublisher implements HttpRequest.BodyPublisher {
        private final HttpRequest.BodyPublisher body;
        private final Runnable bodySent;

        BodySentPublisher(HttpRequest.BodyPublisher body, Runnable bodySent) {
            this.body = body;
            this.bodySent = bodySent;
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            body.subscribe(new Flow.Subscriber<ByteBuffer>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(subscription);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable error) {
                    subscriber.onError(error);
                }

                @Override
                public void onComplete() {
                    bodySent.run();
                    subscriber.onComplete();
                }
            });
        }
    }

    /**
     * Worth another attempt after a wait: throttling (429) and the server or gateway errors a front end produces
     * when the service behind it is briefly unavailable (500, 502, 503, 504), whatever their body.
     */
    public static boolean isTransient(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    private static GraphCallException failure(GraphCallException.Kind kind, int status, ServiceError error,
            String advice) {
        StringBuilder message = new StringBuilder(advice);
        if (error.code() != null || error.message() != null) {
            message.append(" Service said: ").append(error.code() == null ? "" : error.code())
                    .append(error.code() != null && error.message() != null ? ": " : "")
                    .append(error.message() == null ? "" : error.message());
        }
        if (error.requestId() != null) {
            message.append(" (request-id ").append(error.requestId()).append(")");
        }
        return new GraphCallException(kind, status, message.toString(), error.code(), error.requestId(), null);
    }

    private static String describeStatus(int status) {
        return switch (status) {
            case 429 -> "Throttled (429)";
            case 500 -> "Server error (500)";
            case 502 -> "Bad gateway (502)";
            case 503 -> "Service unavailable (503)";
            case 504 -> "Gateway timeout (504)";
            default -> "HTTP " + status;
        };
    }

    /** What the admin should check, by status. */
    static String adviceFor(int status, URI uri) {
        return switch (status) {
            case 400 -> "Bad request (400): the service could not accept this request. Check that the Content-Type is"
                    + " application/scim+json, that every custom attribute's namespace is in the provisioning app's"
                    + " schema and listed in the user's schemas, and that dates have a time part"
                    + " (2021-05-01T00:00:00Z).";
            case 401 -> "Unauthorized (401) even with a freshly fetched token. Check that the token is for Microsoft"
                    + " Graph (scope https://graph.microsoft.com/.default) in the tenant that owns the provisioning"
                    + " app, and the tenant / client id settings.";
            case 403 -> "Forbidden (403): the identity lacks permission. Grant it the Microsoft Graph application"
                    + " permission SynchronizationData-User.Upload (or SynchronizationData-User.Upload.OwnedBy when"
                    + " the app owns the provisioning app) with admin consent.";
            case 404 -> "Not found (404) at " + uri.getPath() + ". Check servicePrincipalId and jobId (the"
                    + " provisioning app's service principal object id and its job id API2AAD.../API2AD...), the"
                    + " Graph URL and the API version.";
            case 405 -> "Method not allowed (405) at " + uri.getPath() + ". Check the Graph URL and API version.";
            case 413 -> "Request too large (413): the service refused the size of this request.";
            default -> status >= 500
                    ? "Service error (" + status + "): the service failed on this request; the unsent records can"
                            + " be sent again later."
                    : "HTTP " + status + ": the service refused this request.";
        };
    }
}
