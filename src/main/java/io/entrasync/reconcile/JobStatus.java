package io.entrasync.reconcile;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.graph.CallGate;
import io.entrasync.graph.CallStats;
import io.entrasync.graph.GraphCallException;
import io.entrasync.graph.GraphClient;
import io.entrasync.upload.BulkUploadTarget;

/**
 * What {@code GET .../synchronization/jobs/{jobId}} says about a job, reduced to what explains missing log entries.
 *
 * @param code {@code status.code}: Active, Paused, Quarantine, NotRun ... ({@code unknown} when it could not be read)
 * @param scheduleState {@code schedule.state}: Active, Disabled, Paused (may be empty)
 * @param quarantineReason {@code status.quarantine.reason} when quarantined
 * @param quarantineSince {@code status.quarantine.currentBegan}
 * @param error what went wrong reading it, empty when read
 */
public record JobStatus(String code, String scheduleState, String quarantineReason, String quarantineSince,
        String error) {

    public boolean quarantined() {
        return "Quarantine".equalsIgnoreCase(code) || !quarantineReason.isEmpty();
    }

    public boolean paused() {
        return "Paused".equalsIgnoreCase(code) || "Paused".equalsIgnoreCase(scheduleState)
                || "Disabled".equalsIgnoreCase(scheduleState);
    }

    /** Whether the job cannot be processing what it receives. */
    public boolean stopped() {
        return quarantined() || paused();
    }

    /** For people: why nothing shows up in the logs, and what to do. */
    public String describe(String jobId) {
        if (quarantined()) {
            return "the provisioning job " + jobId + " is in QUARANTINE" + (quarantineReason.isEmpty() ? ""
                    : " (" + quarantineReason + ")") + (quarantineSince.isEmpty() ? "" : " since " + quarantineSince)
                    + ": uploads are accepted but not processed. Fix the cause shown on the job's provisioning page"
                    + " in the Entra admin center, then restart the job ('job restart --scope QuarantineState', or"
                    + " POST .../jobs/" + jobId + "/restart); the"
                    + " staged uploads are processed then, without sending them again";
        }
        if (paused()) {
            return "the provisioning job " + jobId + " is PAUSED (status " + code + ", schedule " + scheduleState
                    + "): uploads are accepted but not processed. Start provisioning again on the job's page in"
                    + " the Entra admin center, or run 'job start'";
        }
        if (!error.isEmpty()) {
            return "the status of job " + jobId + " could not be read (" + error + ")";
        }
        return "the provisioning job " + jobId + " is " + code + "; the service has not logged these records yet"
                + " (the logs usually lag 5 to 10 minutes; a long delay can mean a service incident)";
    }

    static JobStatus read(GraphClient graph, BulkUploadTarget target, ObjectMapper mapper, CallStats stats)
            throws InterruptedException {
        URI uri = URI.create(target.graphUrl() + "/" + target.apiVersion() + "/servicePrincipals/"
                + target.servicePrincipalId() + "/synchronization/jobs/" + target.jobId());
        try {
            JsonNode job = mapper.readTree(graph.get(uri, CallGate.OPEN, stats).body());
            JsonNode status = job.path("status");
            JsonNode quarantine = status.path("quarantine");
            return new JobStatus(status.path("code").asText("unknown"), job.path("schedule").path("state").asText(""),
                    quarantine.isObject() ? quarantine.path("reason").asText("") : "",
                    quarantine.isObject() ? quarantine.path("currentBegan").asText("") : "", "");
        } catch (GraphCallException e) {
            return new JobStatus("unknown", "", "", "", e.getMessage());
        } catch (IOException e) {
            return new JobStatus("unknown", "", "", "", "not JSON: " + e.getMessage());
        }
    }
}
