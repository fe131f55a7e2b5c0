package io.entrasync.reconcile;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.graph.CallGate;
import io.entrasync.graph.CallStats;
import io.entrasync.graph.GraphCallException;
import io.entrasync.graph.GraphClient;
import io.entrasync.job.JobDescription;
import io.entrasync.job.JobReading;
import io.entrasync.job.SynchronizationJob;
import io.entrasync.upload.BulkUploadTarget;

/**
 * What {@code GET .../synchronization/jobs/{jobId}} says about a job, reduced to what explains missing log entries.
 * The answer is read into {@link SynchronizationJob}, the job's one typed model (package {@code io.entrasync.job}),
 * and understood through {@link JobReading}, whose rules decide "quarantined", "paused" and "never ran" for the job
 * commands, the status page and reconciliation alike.
 *
 * @param job the job as read; null when it could not be read
 * @param error what went wrong reading it, empty when read
 */
public record JobStatus(SynchronizationJob job, String error) {

    /** A status that could not be read, with why. */
    static JobStatus unreadable(String error) {
        return new JobStatus(null, error == null ? "" : error);
    }

    /** The job's one reading; empty when it could not be read. */
    public Optional<JobReading> reading() {
        return Optional.ofNullable(job).map(JobReading::of);
    }

    /** {@code status.code}: Active, Paused, Quarantine, NotRun ... ({@code unknown} when it could not be read). */
    public String code() {
        return reading().map(JobReading::code).orElse("unknown");
    }

    /** {@code schedule.state}: Active, Disabled, Paused (may be empty). */
    public String scheduleState() {
        return reading().map(JobReading::scheduleState).orElse("");
    }

    public boolean quarantined() {
        return reading().map(r -> r.state() == JobReading.State.QUARANTINE).orElse(false);
    }

    public boolean paused() {
        return reading().map(r -> r.state() == JobReading.State.PAUSED).orElse(false);
    }

    /** Whether the job cannot be processing what it receives (paused, quarantined, not configured). */
    public boolean stopped() {
        return reading().map(JobReading::stopped).orElse(false);
    }

    /** For people: why nothing shows up in the logs, and what to do. */
    public String describe(String jobId) {
        Optional<JobReading> reading = reading();
        if (reading.isEmpty()) {
            return "the status of job " + jobId + " could not be read (" + error + ")";
        }
        JobReading job = reading.get();
        if (job.state() == JobReading.State.QUARANTINE) {
            JobReading.Quarantine quarantine = job.quarantine().orElseThrow();
            return "the provisioning job " + jobId + " is in QUARANTINE" + (quarantine.reason().isEmpty() ? ""
                    : " (" + quarantine.reason() + ")") + (quarantine.since().isEmpty() ? ""
                            : " since " + quarantine.since())
                    + ": uploads are accepted but not processed. " + JobDescription.quarantineFix(quarantine.reason())
                    + " Once you restart the job, the staged uploads are processed without sending them again";
        }
        if (job.stopped()) {
            return "the provisioning job " + jobId + " is " + job.code() + (job.scheduleState().isEmpty() ? ""
                    : " (schedule " + job.scheduleState() + ")") + ": " + JobDescription.advice(job).orElseThrow();
        }
        String ran = job.lastRun().isEmpty() ? ", and has never run" : "";
        return "the provisioning job " + jobId + " is " + job.code() + ran + "; the service has not logged these"
                + " records yet (the logs usually lag 5 to 10 minutes; a long delay can mean a service incident)";
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
