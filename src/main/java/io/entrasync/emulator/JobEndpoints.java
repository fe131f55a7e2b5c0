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

    /** A synchronizationJob: id, templateId, schedule, status (code, quarantine, lastExecution ...). */
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
        status.put("code", quarantined ? "Quarantine" : paused ? "Paused" : "Active");
        status.put("countSuccessiveCompleteFailures", 0);
        status.put("escrowsPruned", false);
        Instant last = job.lastExecution();
        if (last == null) {
            status.putNull("lastExecution");
        } else {
            ObjectNode exec = status.putObject("lastExecution");
            exec.put("activityIdentifier", jobId);
            exec.put("countEntitled", job.lastExecutionImported());
            exec.put("countEscrowed", 0);
            exec.put("countExported", job.lastExecutionImported());
            exec.put("countImported", job.lastExecutionImported());
            exec.putNull("error");
            exec.put("state", "Succeeded");
            exec.put("timeBegan", last.truncatedTo(ChronoUnit.MILLIS).toString());
            exec.put("timeEnded", last.truncatedTo(ChronoUnit.MILLIS).toString());
        }
        if (quarantined) {
            Instant began = job.quarantineBegan();
            ObjectNode q = status.putObject("quarantine");
            q.put("currentBegan", began.toString());
            q.put("nextAttempt", began.plus(Duration.ofHours(6)).toString());
            q.put("reason", "EncounteredQuarantineException");
            q.put("seriesBegan", began.toString());
            q.put("seriesCount", 1);
            q.putObject("error").put("code", "QuarantinedByEmulator")
                    .put("message", "The job was put in quarantine through the emulator; POST .../restart lifts it.");
        } else {
            status.putNull("quarantine");
        }
        status.putNull("troubleshootingUrl");
        o.putArray("synchronizationJobSettings");
        return o;
    }
}
