package io.entrasync.job;

import java.util.List;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.auth.TokenAcquisitionException;

/**
 * One source's provisioning job through {@link SynchronizationApi}: reads (job, jobs, schema) need
 * {@code Synchronization.Read.All}, changes (schema PUT, start, pause, restart) {@code Synchronization.ReadWrite.All}.
 * A 401 fetches a new token and tries once more; every other failure is a {@link JobApiException} saying what to do.
 */
public final class GraphJobClient {

    static final String READ = "Synchronization.Read.All";
    static final String READ_WRITE = "Synchronization.ReadWrite.All";

    private final SynchronizationApi api;
    private final AccessTokenProvider tokens;
    private final String version;
    private final String servicePrincipalId;
    private final String jobId;

    GraphJobClient(SynchronizationApi api, AccessTokenProvider tokens, String version, String servicePrincipalId,
            String jobId) {
        this.api = api;
        this.tokens = tokens;
        this.version = version;
        this.servicePrincipalId = servicePrincipalId;
        this.jobId = jobId;
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

    private <T> T call(String what, String permission, Supplier<T> call) {
        boolean retried = false;
        while (true) {
            try {
                return call.get();
            } catch (GraphErrorResponse e) {
                if (e.status == 401 && !retried) {
                    retried = true;
                    tokens.invalidate();
                    continue;
                }
                throw new JobApiException(e.status, describe(what, permission, e));
            } catch (TokenAcquisitionException e) {
                throw new JobApiException(0, "Could not get a token for " + what + ": " + e.getMessage());
            } catch (ProcessingException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof TokenAcquisitionException token) {
                    throw new JobApiException(0, "Could not get a token for " + what + ": " + token.getMessage());
                }
                throw new JobApiException(0, "Could not reach Microsoft Graph " + what + " (" + cause
                        + "). Check the network path and sync.sources.<name>.graph.url.");
            }
        }
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
