package io.entrasync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.reconcile.JobStatus;

/**
 * The one reading of a job, from synchronizationJob JSON shaped as Microsoft publishes it
 * ({@code src/test/resources/synchronization-jobs/README.md} names each sample), as {@code job status} prints it and
 * as reconciliation gives it as the cause of unconfirmed records.
 */
class JobReadingTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static SynchronizationJob job(String name) throws IOException {
        try (InputStream in = JobReadingTest.class.getResourceAsStream("/synchronization-jobs/" + name + ".json")) {
            return JSON.readValue(in, SynchronizationJob.class);
        }
    }

    private static String jobStatus(SynchronizationJob job) {
        return String.join("\n", JobDescription.lines(job));
    }

    private static String cause(SynchronizationJob job) {
        return new JobStatus(job, "").describe("J1");
    }

    @Test
    void aPausedJobWithAnEmptyQuarantineObjectIsPausedWithNoScheduleAndTheAdviceToStartIt() throws IOException {
        SynchronizationJob job = job("paused-with-empty-quarantine");
        JobReading reading = JobReading.of(job);

        assertThat(reading.state()).isEqualTo(JobReading.State.PAUSED);
        assertThat(reading.quarantine()).isEmpty();
        assertThat(reading.interval()).isEqualTo("no schedule");
        assertThat(jobStatus(job)).contains("state: Paused, schedule Disabled, no schedule",
                        "last execution: none: the job never ran", "!! the job is PAUSED", "'job start'")
                .doesNotContain("QUARANTINE", "P10675199DT", "QuarantineState");
        assertThat(cause(job)).contains("is Paused", "'job start'").doesNotContain("QUARANTINE");
        assertThat(new JobStatus(job, "").stopped()).isTrue();
    }

    @Test
    void aJobThatNeverRanSaysSoInsteadOfShowingAFailedExecution() throws IOException {
        SynchronizationJob job = job("never-ran");
        JobReading reading = JobReading.of(job);

        assertThat(reading.state()).isEqualTo(JobReading.State.NOT_RUN);
        assertThat(reading.lastRun()).isEmpty();
        assertThat(jobStatus(job)).contains("state: NotRun, schedule Active, every 40 minutes",
                "last execution: none: the job never ran").doesNotContain("Failed", "0001-01-01", "None", "!!");
        assertThat(JobDescription.headline(job)).isEqualTo("NotRun (never ran)");
        assertThat(cause(job)).contains("is NotRun, and has never run");
        assertThat(new JobStatus(job, "").stopped()).isFalse();
    }

    @Test
    void aQuarantinedJobIsNamedWithItsReasonItsTimesAndTheAdviceForThatReason() throws IOException {
        SynchronizationJob job = job("quarantined-escrow-proportion");
        JobReading reading = JobReading.of(job);

        assertThat(reading.state()).isEqualTo(JobReading.State.QUARANTINE);
        assertThat(reading.quarantine()).hasValueSatisfying(q -> {
            assertThat(q.reason()).isEqualTo("EncounteredEscrowProportionThreshold");
            assertThat(q.error()).as("error.code None is no error").isEmpty();
        });
        assertThat(jobStatus(job)).contains(
                "QUARANTINE: EncounteredEscrowProportionThreshold since 2026-12-06T02:31:45.6Z, next attempt"
                        + " 2026-12-06T08:31:45.6Z\n",
                "last execution: EntryLevelErrors, 2026-12-06T02:00:04.1833333Z to 2026-12-06T02:31:45.6Z;"
                        + " imported 5000, exported 2850, escrowed 2150\n",
                "Too many records fail", "'job restart --scope QuarantineState'").doesNotContain("None");
        assertThat(cause(job)).contains(
                "QUARANTINE (EncounteredEscrowProportionThreshold) since 2026-12-06T02:31:45.6Z",
                "Too many records fail", "restart the job");
    }

    @Test
    void aHealthyJobHasNoAdviceAndItsLastRun() throws IOException {
        SynchronizationJob job = job("healthy");

        assertThat(JobReading.of(job).stopped()).isFalse();
        assertThat(jobStatus(job)).contains("state: Active, schedule Active, every 40 minutes",
                "last execution: Succeeded, 2026-12-07T06:00:01.25Z to 2026-12-07T06:00:09.5Z; imported 50,"
                        + " exported 50, escrowed 0").doesNotContain("!!", "error");
        assertThat(JobDescription.headline(job)).isEqualTo("Active");
        assertThat(cause(job)).contains("is Active; the service has not logged these records yet");
    }

    @Test
    void intervalsAreSaidInWords() {
        assertThat(JobReading.intervalInWords("PT40M")).isEqualTo("every 40 minutes");
        assertThat(JobReading.intervalInWords("PT1H30M")).isEqualTo("every 1 hour 30 minutes");
        assertThat(JobReading.intervalInWords("P1D")).isEqualTo("every 1 day");
        assertThat(JobReading.intervalInWords("P10675199DT2H48M5.4775807S")).isEqualTo("no schedule");
        assertThat(JobReading.intervalInWords("fortnightly")).isEqualTo("interval fortnightly");
        assertThat(JobReading.intervalInWords(null)).isEmpty();
    }
}
