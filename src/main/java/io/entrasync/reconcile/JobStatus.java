package io.entrasync.reconcile;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.graph.CallGate;
import io.entrasync.graph.CallStats;
import io.entrasync.graph.GraphCallException;
import io.entrasync.graph.GraphClient;
import io.entrasync.job.SynchronizationJob;
import io.entrasync.upload.BulkUploadTarget;

/**
 * What {@code GET .../synchronization/jobs/{jobId}} says about a job, reduced to what explains missing log entries.
 * The answer is read into {@link SynchronizationJob}, the job's one typed model (package {@code io.entrasync.job}),
 * whose rules decide "quarantined" and "paused" for the job commands and for reconciliation alike.
 *
 * @param job the job as read; null when it could not be read
 * @param error what went wrong reading it, empty when read
 */
public record JobStatus(SynchronizationJob job, String error) {

    /** A status that could not be read, with why. */
    static JobStatus unreadable(String error) {
        return new JobStatus(null, error == null ? "" : error);
    }

    /** {@code status.code}: Active, Paused, Quarantine, NotRun ... ({@code unknown} when it could not be read). */
    public String code() {
        return job == null ? "unknown" : job.statusCode();
    }

    /** {@code schedule.state}: Active, Disabled, Paused (may be empty). */
    public String scheduleState() {
        return job == null ? "" : job.scheduleState();
    }

    private Optional<SynchronizationJob.Quarantine> quarantine() {
        return Optional.ofNullable(job).map(SynchronizationJob::status).map(SynchronizationJob.Status::quarantine);
    }

    public boolean quarantined() {
        return job != null && job.quarantined();
    }

    public boolean paused() {
        return job != null && job.paused();
    }

    /** Whether the job cannot be processing what it receives. */
    public boolean stopped() {
        return quarantined() || paused();
    }

    /** For people: why nothing shows up in the logs, and what to do. */
    public String describe(String jobId) {
        if (quarantined()) {
            String quarantineReason = quarantine().map(SynchronizationJob.Quarantine::reason).orElse("");
            String quarantineSince = quarantine().map(SynchronizationJob.Quarantine::currentBegan).orElse("");
            return "the provisioning job " + jobId + " is in QUARANTINE" + (quarantineReason.isEmpty() ? ""
                    : " (" + quarantineReason + ")") + (quarantineSince.isEmpty() ? "" : " since " + quarantineSince)
                    + ": uploads are accepted but not processed. Fix the cause shown on the job's provisioning page"
                    + " in the Entra admin center, then restart the job ('job restart --scope QuarantineState', or"
                    + " POST .../jobs/" + jobId + "/restart); the"
                    + " staged uploads are processed then, without sending them again";
        }
        if (paused()) {
            return "the provisioning job " + jobId + " is PAUSED (status " + code() + ", schedule " + scheduleState()
                    + "): uploads are accepted but not processed. Start provisioning again on the job's page in"
                    + " the Entra admin center, or run 'job start'";
        }
        if (!error.isEmpty()) {
            return "the status of job " + jobId + " could not be read (" + error + ")";
        }
        return "the provisioning job " + jobId + " is " + code() + "; the service has not logged these records yet"
                + " (the logs usually lag 5 to 10 minutes; a long delay can mean a service incident)";
    }

    /**
     * Reads the job through the source's {@link GraphClient} (its SmallRye FT retries, token refresh, scrubbed
     * errors), unpaced: the job endpoint is not one of the limited reports APIs.
     */
    static JobStatus read(GraphClient graph, BulkUploadTarget target, ObjectMapper mapper, CallStats stats)
            throws InterruptedException {
        URI uri = URI.create(target.graphUrl() + "/" + target.apiVersion() + "/servicePrincipals/"
                + target.servicePrincipalId() + "/synchronization/jobs/" + target.jobId());
        try {
            return new JobStatus(mapper.readValue(graph.get(uri, CallGate.OPEN, stats).body(),
                    SynchronizationJob.class), "");
        } catch (GraphCallException e) {
            return unreadable(e.getMessage());
        } catch (IOException e) {
            return unreadable("not a synchronizationJob: " + e.getMessage());
        }
    }
}
