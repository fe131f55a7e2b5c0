package io.entrasync.emulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The synchronization job: list, get, schema (GET/PUT), start, pause, restart. Shapes and effects follow the Graph
 * reference (synchronizationJob, synchronizationStatus, synchronizationJobRestartCriteria, "Start / Pause / Restart
 * synchronizationJob", "Get / Update synchronizationSchema"): control calls and PUT answer {@code 204}.
 * Permissions: reads need {@code Synchronization.Read.All}, everything that changes the job
 * {@code Synchronization.ReadWrite.All}; a revoked one answers {@code 403 Authorization_RequestDenied}.
 */
final class JobEndpoints {
    static final String READ = "Synchronization.Read.All";
    static final String READ_WRITE = "Synchronization.ReadWrite.All";
    /** resetScope values the reference lists (None and ConnectorDataStore are marked "DO NOT USE" but accepted). */
    private static final Set<String> RESET_SCOPES = Set.of("None", "ConnectorDataStore", "Escrows", "Watermark",
            "QuarantineState", "Full", "ForceDeletes");
    /** An empty resetScope is the portal's "Restart provisioning": QuarantineState, Watermark and Escrows. */
    private static final Set<String> PORTAL_RESTART = Set.of("QuarantineState", "Watermark", "Escrows");

    /** .NET's DateTime.MinValue, which the service writes for a time that is not set. */
    private static final String NOT_SET = "0001-01-01T00:00:00Z";

    private final ProvisioningEmulator emu;
    private final GraphEndpoints graph;

    JobEndpoints(ProvisioningEmulator emu, GraphEndpoints graph) {
        this.emu = emu;
        this.graph = graph;
    }

    void handle(Exchange ex, String version, String sp, String jobId, String sub) throws IOException {
        switch (sub) {
            case "" -> {
                EmulatorRouter.requireMethod(ex, "GET");
                JobState job = authorized(ex, sp, jobId, READ);
                ex.sendJson(200, jobJson(job));
            }
            case "/schema" -> schema(ex, version, sp, jobId);
            case "/start" -> {
                EmulatorRouter.requireMethod(ex, "POST");
                emu.start(authorized(ex, sp, jobId, READ_WRITE));
                ex.sendEmpty(204);
            }
            case "/pause" -> {
                EmulatorRouter.requireMethod(ex, "POST");
                authorized(ex, sp, jobId, READ_WRITE).setPaused(true);
                ex.sendEmpty(204);
            }
            case "/restart" -> {
                EmulatorRouter.requireMethod(ex, "POST");
                JobState job = authorized(ex, sp, jobId, READ_WRITE);
                emu.restart(job, resetScopes(ex.jsonBody()));
                ex.sendEmpty(204);
            }
            default -> throw new EmulatorException(404, "NotFound", "No such job endpoint: " + sub);
        }
    }

    /** {@code GET .../servicePrincipals/{sp}/synchronization/jobs}: the service principal's jobs. */
    void list(Exchange ex, String version, String sp) throws IOException {
        EmulatorRouter.requireMethod(ex, "GET");
        graph.authenticate(ex, emu.settings());
        forbidIfRevoked(READ);
        ObjectNode o = emu.mapper.createObjectNode();
        o.put("@odata.context", emu.baseUrl() + "/" + version + "/$metadata#servicePrincipals('" + sp
                + "')/synchronization/jobs");
        ArrayNode values = o.putArray("value");
        for (JobRef ref : emu.jobs()) {
            if (ref.servicePrincipalId().equals(sp)) {
                emu.job(ref.jobId()).ifPresent(job -> values.add(jobJson(job)));
            }
        }
        ex.sendJson(200, o);
    }

    private void schema(Exchange ex, String version, String sp, String jobId) throws IOException {
        if (ex.method().equalsIgnoreCase("PUT")) {
            JobState job = authorized(ex, sp, jobId, READ_WRITE);
            JsonNode body = ex.jsonBody();
            if (!(body instanceof ObjectNode schema)) {
                throw EmulatorException.badRequest("The body must be a synchronizationSchema object.");
            }
            job.schema.replace(schema);
            ex.sendEmpty(204);
            return;
        }
        EmulatorRouter.requireMethod(ex, "GET");
        JobState job = authorized(ex, sp, jobId, READ);
        ObjectNode o = emu.mapper.createObjectNode();
        o.put("@odata.context", emu.baseUrl() + "/" + version + "/$metadata#servicePrincipals('" + sp
                + "')/synchronization/jobs('" + jobId + "')/schema/$entity");
        o.setAll(job.schema.get());
        ex.sendJson(200, o);
    }

    private JobState authorized(Exchange ex, String sp, String jobId, String permission) {
        graph.authenticate(ex, emu.settings());
        JobState job = graph.job(sp, jobId);
        forbidIfRevoked(permission);
        return job;
    }

    private void forbidIfRevoked(String permission) {
        boolean denied = permission.equals(READ)
                ? emu.revoked(READ) && emu.revoked(READ_WRITE)
                : emu.revoked(READ_WRITE);
        if (denied) {
            throw new EmulatorException(403, "Authorization_RequestDenied",
                    "Insufficient privileges to complete the operation.");
        }
    }

    private static Set<String> resetScopes(JsonNode body) {
        if (body.isNull() || body.isMissingNode()) {
            return PORTAL_RESTART;
        }
        if (!body.isObject()) {
            throw EmulatorException.badRequest("The restart body must be empty or a JSON object such as "
                    + "{\"criteria\":{\"resetScope\":\"Full\"}}.");
        }
        String text = body.path("criteria").path("resetScope").asText("");
        if (text.isBlank()) {
            return PORTAL_RESTART;
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String scope = part.strip();
            if (!RESET_SCOPES.contains(scope)) {
                throw EmulatorException.badRequest("'" + scope + "' is not a resetScope value (" + String.join(", ",
                        RESET_SCOPES.stream().sorted().toList()) + ").");
            }
            scopes.add(scope);
        }
        return scopes;
    }

    /**
     * A synchronizationJob shaped as Microsoft's published samples: "Get synchronizationJob" (Graph reference: a Paused
     * job whose {@code quarantine} holds empty strings after an earlier series) and "Configure cross-tenant
     * synchronization using Microsoft Graph" (step 13: a started job that never ran is {@code NotRun} with a
     * placeholder {@code lastExecution}: {@code Failed}, counts 0, times {@code 0001-01-01T00:00:00Z},
     * {@code error.code "None"}).
     */
    private ObjectNode jobJson(JobState job) {
        String jobId = job.ref.jobId();
        ObjectNode o = emu.mapper.createObjectNode();
        o.put("id", jobId);
        o.put("templateId", jobId.startsWith("API2AD.") ? "API2AD" : "API2AAD");
        ObjectNode schedule = o.putObject("schedule");
        schedule.putNull("expiration");
        schedule.put("interval", "PT40M");
        boolean paused = job.paused();
        schedule.put("state", paused ? "Paused" : "Active");
        ObjectNode status = o.putObject("status");
        boolean quarantined = job.quarantined();
        Instant last = job.lastExecution();
        status.put("code", quarantined ? "Quarantine" : paused ? "Paused" : last == null ? "NotRun" : "Active");
        status.put("countSuccessiveCompleteFailures", 0);
        status.put("escrowsPruned", false);
        ObjectNode exec = status.putObject("lastExecution");
        exec.put("activityIdentifier", last == null ? null : jobId);
        exec.put("countEntitled", job.lastExecutionImported());
        exec.put("countEscrowed", 0);
        exec.put("countExported", job.lastExecutionImported());
        exec.put("countImported", job.lastExecutionImported());
        if (last == null) {
            exec.put("state", "Failed");
            exec.put("timeBegan", NOT_SET);
            exec.put("timeEnded", NOT_SET);
            exec.putObject("error").put("code", "None").put("message", "").put("tenantActionable", false);
        } else {
            exec.putNull("error");
            exec.put("state", "Succeeded");
            exec.put("timeBegan", last.truncatedTo(ChronoUnit.MILLIS).toString());
            exec.put("timeEnded", last.truncatedTo(ChronoUnit.MILLIS).toString());
        }
        status.set("lastSuccessfulExecution", last == null ? null : exec.deepCopy());
        status.set("lastSuccessfulExecutionWithExports", last == null ? null : exec.deepCopy());
        quarantine(job, quarantined, paused, status);
        status.put("steadyStateFirstAchievedTime", NOT_SET);
        status.put("steadyStateLastAchievedTime", NOT_SET);
        status.putArray("progress");
        status.putArray("synchronizedEntryCountByType");
        status.putNull("troubleshootingUrl");
        o.putArray("synchronizationJobSettings");
        return o;
    }

    private void quarantine(JobState job, boolean quarantined, boolean paused, ObjectNode status) {
        if (quarantined) {
            Instant began = job.quarantineBegan();
            ObjectNode q = status.putObject("quarantine");
            q.put("currentBegan", began.toString());
            q.put("nextAttempt", began.plus(Duration.ofHours(6)).toString());
            q.put("reason", "EncounteredQuarantineException");
            q.put("seriesBegan", began.toString());
            q.put("seriesCount", job.quarantineSeries());
            q.putObject("error").put("code", "QuarantinedByEmulator")
                    .put("message", "The job was put in quarantine through the emulator; POST .../restart lifts it.");
        } else if (paused && job.quarantineSeries() > 0) {
            // As the reference sample's Paused job: the old series is kept, its times and reason are empty strings.
            ObjectNode q = status.putObject("quarantine");
            q.put("currentBegan", "");
            q.put("nextAttempt", "");
            q.put("reason", "");
            q.put("seriesBegan", "");
            q.put("seriesCount", job.quarantineSeries());
            q.putNull("error");
        } else {
            status.putNull("quarantine");
        }
    }
}
