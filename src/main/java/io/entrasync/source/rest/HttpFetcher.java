package io.entrasync.source.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.entrasync.auth.SecretScrubber;

/**
 * The one place a REST source talks HTTP: authentication, timeouts, and retries. Throttling ({@code 429}) waits for
 * the server's {@code Retry-After} (capped by {@link ApiSettings.Http#maxRetryAfter()}); 5xx answers, timeouts and
 * connection failures are retried with exponential backoff up to {@link ApiSettings.Http#maxAttempts()}. Every body
 * is spooled to a temporary file so a page is parsed record by record and never held whole in memory, and the HTTP
 * connection is not held open while the pipeline works through the records.
 */
final class HttpFetcher {

    private static final Logger LOG = Logger.getLogger(HttpFetcher.class);
    private static final Set<Integer> TRANSIENT = Set.of(500, 502, 503, 504);
    private static final int ERROR_BODY_CHARS = 500;

    private final ApiSettings settings;
    private final HttpClient client;
    private final Sleeper sleeper;
    private final OAuth2TokenClient tokens;
    private final SecretScrubber scrubber;

    HttpFetcher(ApiSettings settings, HttpClient client, Sleeper sleeper) {
        this.settings = settings;
        this.client = client;
        this.sleeper = sleeper;
        this.tokens = settings.auth() instanceof ApiAuth.OAuth2ClientCredentials oauth
                ? new OAuth2TokenClient(settings.sourceName(), oauth, this)
                : null;
        this.scrubber = scrubberFor(settings.auth());
    }

    /** Scrubs this source's secrets from text an HR API or its token endpoint answered (issue 14). */
    private static SecretScrubber scrubberFor(ApiAuth auth) {
        if (auth instanceof ApiAuth.Basic basic) {
            return SecretScrubber.of(basic.password()).withBasicPair(basic.username(), basic.password());
        }
        if (auth instanceof ApiAuth.ApiKey key) {
            return SecretScrubber.of(key.value());
        }
        if (auth instanceof ApiAuth.OAuth2ClientCredentials oauth) {
            return SecretScrubber.of(oauth.clientSecret()).withBasicPair(oauth.clientId(), oauth.clientSecret());
        }
        return SecretScrubber.PATTERNS;
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
     */
    Fetched get(URI uri, String what, Set<Integer> allowed) {
        boolean tokenRefreshed = false;
        while (true) {
            Fetched fetched = send(() -> {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                        .timeout(settings.http().requestTimeout())
                        .header("Accept", "application/json");
                settings.headers().forEach(request::setHeader);
                authenticate(request, what);
                return request.build();
            }, what, Set.of(401));
            if (fetched.status() == 401 && tokens != null && !tokenRefreshed) {
                // An access token can be revoked or expire early; fetch a fresh one once before giving up.
                deleteQuietly(fetched.body());
                tokens.invalidate();
                tokenRefreshed = true;
                continue;
            }
            if (fetched.status() / 100 != 2 && !allowed.contains(fetched.status())) {
                throw failure(what, uri, fetched, 1);
            }
            return fetched;
        }
    }

    private void authenticate(HttpRequest.Builder request, String what) {
        ApiAuth auth = settings.auth();
        if (auth instanceof ApiAuth.Basic basic) {
            String pair = basic.username() + ":" + basic.password();
            request.header("Authorization", "Basic "
                    + java.util.Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else if (auth instanceof ApiAuth.ApiKey key) {
            request.header(key.header(), key.prefix() + key.value());
        } else if (auth instanceof ApiAuth.OAuth2ClientCredentials) {
            request.header("Authorization", "Bearer " + tokens.token(what));
        }
    }

    /**
     * Sends with the retry policy. Returns the final response whatever its status, except that exhausted retries
     * of throttling, 5xx or I/O failures end in an {@link ApiSourceException}. {@code passThrough} statuses are
     * returned at once (the caller handles them).
     */
    Fetched send(Supplier<HttpRequest> requests, String what, Set<Integer> passThrough) {
        ApiSettings.Http policy = settings.http();
        Duration backoff = policy.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = requests.get();
            Fetched fetched;
            try {
                fetched = exchange(request);
            } catch (IOException | TimeoutException e) {
                String reason = e instanceof TimeoutException
                        ? "no complete response within " + policy.requestTimeout()
                        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (attempt >= policy.maxAttempts()) {
                    throw new ApiSourceException(prefix(what) + "GET " + request.uri() + " failed after " + attempt
                            + " attempts (" + reason + "). Check that the HR API is reachable from here and the base "
                            + "URL is right; the run stops without advancing the watermark, so the next run reads "
                            + "these changes again.", e);
                }
                LOG.warnf("source '%s': %s failed (%s), attempt %d of %d; retrying in %s", settings.sourceName(),
                        what, reason, attempt, policy.maxAttempts(), backoff);
                pause(backoff, what);
                backoff = min(backoff.multipliedBy(2), policy.maxBackoff());
                continue;
            }
            int status = fetched.status();
            boolean throttled = status == 429;
            if ((throttled || TRANSIENT.contains(status)) && !passThrough.contains(status)) {
                if (attempt >= policy.maxAttempts()) {
                    throw failure(what, request.uri(), fetched, attempt);
                }
                Optional<Duration> retryAfter = retryAfter(fetched.headers());
                Duration wait = retryAfter.map(d -> min(d, policy.maxRetryAfter())).orElse(backoff);
                LOG.warnf("source '%s': %s answered HTTP %d, attempt %d of %d; retrying in %s%s", settings.sourceName(),
                        what, status, attempt, policy.maxAttempts(), wait,
                        retryAfter.isPresent() ? " (Retry-After " + retryAfter.get() + ")" : "");
                deleteQuietly(fetched.body());
                pause(wait, what);
                if (retryAfter.isEmpty()) {
                    backoff = min(backoff.multipliedBy(2), policy.maxBackoff());
                }
                continue;
            }
            return fetched;
        }
    }

    private Fetched exchange(HttpRequest request) throws IOException, TimeoutException {
        Path body = Files.createTempFile("entrasync-api-", ".json");
        CompletableFuture<HttpResponse<Path>> future = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofFile(body));
        try {
            // The request timeout of java.net.http covers the headers only; bound the whole body as well.
            HttpResponse<Path> response = future.get(settings.http().requestTimeout().toMillis() + 1, TimeUnit.MILLISECONDS);
            return new Fetched(request.uri(), response.statusCode(), response.headers(), body);
        } catch (ExecutionException e) {
            deleteQuietly(body);
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (TimeoutException | CancellationException e) {
            future.cancel(true);
            deleteQuietly(body);
            throw new TimeoutException("timed out");
        } catch (InterruptedException e) {
            future.cancel(true);
            deleteQuietly(body);
            Thread.currentThread().interrupt();
            throw new ApiSourceException(prefix("") + "interrupted while reading", e);
        } catch (RuntimeException e) {
            deleteQuietly(body);
            throw e;
        }
    }

    ApiSourceException failure(String what, URI uri, Fetched fetched, int attempts) {
        String body = errorBody(fetched.body());
        deleteQuietly(fetched.body());
        int status = fetched.status();
        String hint = switch (status) {
            case 400 -> "the API rejected the request: check the path, query parameters and filter of this source";
            case 401 -> "the credentials were refused: check the user, password, API key or OAuth client settings";
            case 403 -> "the credentials lack permission: grant the API user read access to these records";
            case 404 -> "nothing at this address: check the base URL and path of this source";
            case 429 -> "the HR API kept throttling; run less often or ask for a higher rate limit";
            default -> status >= 500
                    ? "the HR API kept failing; the next run reads these changes again"
                    : "unexpected answer from the HR API";
        };
        return new ApiSourceException(scrub(prefix(what) + "GET " + uri + " answered HTTP " + status
                + (attempts > 1 ? " after " + attempts + " attempts" : "")
                + (body.isEmpty() ? "" : " (" + body + ")")) + ": " + hint
                + ". The run stops without advancing the watermark.");
    }

    String prefix(String what) {
        return "source '" + settings.sourceName() + "'" + (what.isEmpty() ? "" : ", " + what) + ": ";
    }

    static String errorBody(Path body) {
        try (InputStream in = Files.newInputStream(body)) {
            byte[] head = in.readNBytes(ERROR_BODY_CHARS);
            return SecretScrubber.PATTERNS.scrub(new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ")
                    .trim());
        } catch (IOException e) {
            return "";
        }
    }

    /** Seconds ({@code Retry-After: 7}) or an HTTP date (RFC 9110 section 10.2.3). */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private void pause(Duration wait, String what) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiSourceException(prefix(what) + "interrupted while waiting to retry", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
