package io.entrasync.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The parts of a synchronizationJob an admin acts on (Graph reference: synchronizationJob, synchronizationSchedule,
 * synchronizationStatus, synchronizationQuarantine, synchronizationTaskExecution). Unknown properties are ignored.
 * What the values mean (which state, which are "not set") is {@link JobReading}'s to say.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SynchronizationJob(String id, String templateId, Schedule schedule, Status status) {

    /** {@code schedule}: {@code state} Active, Disabled or Paused; {@code interval} ISO-8601. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Schedule(String state, String interval, String expiration) {
    }

    /** {@code status}: {@code code} NotConfigured, NotRun, Active, Paused or Quarantine. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(String code, Long countSuccessiveCompleteFailures, Boolean escrowsPruned,
            Execution lastExecution, Execution lastSuccessfulExecution, Quarantine quarantine,
            String troubleshootingUrl) {
    }

    /** {@code status.quarantine}: why, since when, and when the service tries again. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Quarantine(String reason, String currentBegan, String seriesBegan, String nextAttempt,
            Long seriesCount, ServiceError error) {
    }

    /** synchronizationTaskExecution: one run of the job and its counts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Execution(String state, String timeBegan, String timeEnded, Long countImported,
            Long countExported, Long countEscrowed, Long countEntitled, ServiceError error) {
    }

    /** synchronizationError. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ServiceError(String code, String message, Boolean tenantActionable) {
    }

    /** {@code status.code}, or {@code unknown}. */
    public String statusCode() {
        return status == null || status.code() == null ? "unknown" : status.code();
    }

    /** {@code schedule.state}, or empty. */
    public String scheduleState() {
        return schedule == null || schedule.state() == null ? "" : schedule.state();
    }
}
