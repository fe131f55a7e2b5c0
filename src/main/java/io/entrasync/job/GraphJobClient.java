package io.entrasync.job;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.auth.SecretScrubber;
import io.entrasync.auth.TokenAcquisitionException;
import io.entrasync.graph.GraphClient;
import io.entrasync.graph.GraphRetry;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.retry.RetryAfter;
import io.entrasync.retry.Sleeper;
import io.smallrye.faulttolerance.api.Guard;

/**
 * One source's provisioning job through {@link SynchronizationApi}: reads (job, jobs, schema) need
 * {@code Synchronization.Read.All}, changes (schema PUT, start, pause, restart) {@code Synchronization.ReadWrite.All}.
 * Retries and the one token refresh after a 401 as for every Graph call ({@link GraphRetry}); every failure that
 * remains is a {@link JobApiException} saying what to do.
 */
public final class GraphJobClient {

    static final String READ = "Synchronization.Read.All";
    static final String READ_WRITE = "Synchronization.ReadWrite.All";

    private final SynchronizationApi api;
    private final AccessTokenProvider tokens;
    private final String version;
    private final String servicePrincipalId;
    private final String jobId;
    private final RetryPolicy policy;
    private final Guard guard;
    private final Clock clock;

    GraphJobClient(SynchronizationApi api, AccessTokenProvider tokens, JobAddress job, RetryPolicy policy,
            Sleeper sleeper, Clock clock) {
        this.api = api;
        this.policy = policy;
        this.guard = GraphRetry.create(policy, sleeper);
        this.clock = clock;
        this.tokens = tokens;
        this.version = job.apiVersion();
        this.servicePrincipalId = job.servicePrincipalId();
        this.jobId = job.jobId();
    }

    /**
     * The job a client works on, as its Graph paths name it:
     * {@code /{apiVersion}/servicePrincipals/{servicePrincipalId}/synchronization/jobs/{jobId}}.
     */
    record JobAddress(String apiVersion, String servicePrincipalId, String jobId) {
    }

    public String jobId() {
        return jobId;
    }

    public String servicePrincipalId() {
        return servicePrincipalId;
    }

    public SynchronizationJob job() {
        return call("reading job " + jobId, READ, () -> api.job(version, servicePrincipalId, jobId));
    }

    /** The service principal's jobs ({@code jobId} is not needed). */
    public List<SynchronizationJob> jobs() {
        return call("listing the jobs of service principal " + servicePrincipalId, READ,
                () -> api.list(version, servicePrincipalId)).value();
    }

    public ObjectNode schema() {
        JsonNode schema = call("reading the schema of job " + jobId, READ,
                () -> api.schema(version, servicePrincipalId, jobId));
        if (!(schema instanceof ObjectNode object)) {
            throw new JobApiException(200, "The schema of job " + jobId + " is not a JSON object.");
        }
        object.remove("@odata.context");
        return object;
    }

    public void putSchema(ObjectNode schema) {
        run("writing the schema of job " + jobId, READ_WRITE, () -> api.putSchema(version, servicePrincipalId, jobId,
                schema));
    }

    public void start() {
        run("starting job " + jobId, READ_WRITE, () -> api.start(version, servicePrincipalId, jobId));
    }

    public void pause() {
        run("pausing job " + jobId, READ_WRITE, () -> api.pause(version, servicePrincipalId, jobId));
    }

    public void restart(ResetScope scope) {
        run("restarting job " + jobId + " (" + scope.graphName() + ")", READ_WRITE,
                () -> api.restart(version, servicePrincipalId, jobId, RestartRequest.of(scope)));
    }

    private void run(String what, String permission, Runnable call) {
        call(what, permission, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs one job call through the Graph retry guard ({@link GraphRetry}, {@code upload.retries.*}): 429, 500, 502,
     * 503, 504, no answer and a transient token failure are retried after the server's {@code Retry-After} or the
     * backoff; a 401 fetches one new token inside the attempt. start, pause, restart and the schema PUT are safe to
     * repeat (the service ends in the same state).
     */
    @SuppressWarnings("unchecked")
    private <T> T call(String what, String permission, Supplier<T> call) {
        Attempts attempts = new Attempts();
        try {
            return (T) guard.call(() -> attempt(what, permission, call, attempts), Object.class);
        } catch (GraphRetry.Retryable exhausted) {
            throw exhausted.whenExhausted();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    /** The attempts of one call: how many, and whether its one token refresh is spent. */
    private static final class Attempts {
        private int made;
        private boolean tokenRefreshed;
    }

    private <T> T attempt(String what, String permission, Supplier<T> call, Attempts attempts)
            throws GraphRetry.Retryable {
        int attempt = ++attempts.made;
        while (true) {
            try {
                return call.get();
            } catch (GraphErrorResponse e) {
                if (e.status == 401 && !attempts.tokenRefreshed) {
                    attempts.tokenRefreshed = true;
                    tokens.invalidate();
                    continue;
                }
                if (!GraphClient.isTransient(e.status)) {
                    throw new JobApiException(e.status, describe(what, permission, e));
                }
                Optional<Duration> retryAfter = RetryAfter.parse(e.retryAfter, clock.instant());
                if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxBackoff()) > 0) {
                    throw new JobApiException(e.status, describe(what, permission, e) + " The service asks to wait "
                            + retryAfter.get().toSeconds() + " s.");
                }
                Duration wait = retryAfter.orElseGet(() -> policy.backoff(attempt));
                throw new GraphRetry.Retryable(wait, "Graph answered " + e.status + " " + what + " to attempt "
                        + attempt + " of " + policy.maxAttempts() + "; retry in " + wait.toMillis() + " ms", null,
                        () -> new JobApiException(e.status, describe(what, permission, e) + " (after " + attempt
                                + " attempts)"));
            } catch (TokenAcquisitionException e) {
                throw tokenFailure(what, e, attempt);
            } catch (ProcessingException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof TokenAcquisitionException token) {
                    throw tokenFailure(what, token, attempt);
                }
                Duration wait = policy.backoff(attempt);
                String reason = SecretScrubber.PATTERNS.scrub(cause.toString());
                throw new GraphRetry.Retryable(wait, "No answer from Microsoft Graph " + what + " (" + reason
                        + ") to attempt " + attempt + " of " + policy.maxAttempts() + "; retry in " + wait.toMillis()
                        + " ms", null,
                        () -> new JobApiException(0, "Could not reach Microsoft Graph " + what + " after " + attempt
                                + " attempts (" + reason + "). Check the network path and"
                                + " sync.sources.<name>.graph.url."));
            }
        }
    }

    private GraphRetry.Retryable tokenFailure(String what, TokenAcquisitionException e, int attempt) {
        JobApiException failure = new JobApiException(0, "Could not get a token for " + what + ": " + e.getMessage());
        if (!e.isTransient()) {
            throw failure;
        }
        Duration wait = policy.backoff(attempt);
        return new GraphRetry.Retryable(wait, "No token yet for " + what + "; retry " + attempt + " in "
                + wait.toMillis() + " ms", null, () -> failure);
    }

    static String describe(String what, String permission, GraphErrorResponse e) {
        String advice = switch (e.status) {
            case 401 -> "Unauthorized (401) " + what + " even with a fresh token: check the tenant and client id,"
                    + " and that the token is for https://graph.microsoft.com/.default.";
            case 403 -> "Forbidden (403) " + what + ": the identity lacks the Microsoft Graph application permission "
                    + permission + ". Grant it with admin consent"
                    + (permission.equals(READ_WRITE) ? " (the default deployment does not, by least privilege; see"
                            + " docs/schema-and-jobs.md#permissions)" : "") + ", then try again.";
            case 404 -> "Not found (404) " + what + ": check graph.service-principal-id (the provisioning app's"
                    + " service principal object id) and graph.job-id.";
            case 400 -> "Bad request (400) " + what + ": the service refused the request.";
            case 429 -> "Throttled (429) " + what + ": try again in a minute.";
            default -> e.status >= 500 ? "Service error (" + e.status + ") " + what + ": try again later."
                    : "HTTP " + e.status + " " + what + ".";
        };
        StringBuilder message = new StringBuilder(advice);
        if (e.code != null || (e.serviceMessage != null && !e.serviceMessage.isBlank())) {
            message.append(" Service said: ").append(e.code == null ? "" : e.code + ": ")
                    .append(e.serviceMessage == null ? "" : e.serviceMessage);
        }
        if (e.requestId != null) {
            message.append(" (request-id ").append(e.requestId).append(')');
        }
        return message.toString();
    }
}
