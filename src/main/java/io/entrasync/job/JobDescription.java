package io.entrasync.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A synchronizationJob for people, from its one {@link JobReading}: its state, schedule, quarantine, last execution
 * and counts, and what to do.
 */
public final class JobDescription {

    private JobDescription() {
    }

    public static List<String> lines(SynchronizationJob job) {
        JobReading reading = JobReading.of(job);
        List<String> lines = new ArrayList<>();
        lines.add("job " + orDash(reading.jobId()) + " (template " + orDash(job.templateId()) + ")");
        lines.add("  state: " + reading.code() + (reading.scheduleState().isEmpty() ? ""
                : ", schedule " + reading.scheduleState()) + (reading.interval().isEmpty() ? ""
                        : ", " + reading.interval()));
        reading.quarantine().ifPresent(q -> lines.add("  QUARANTINE: " + orDash(q.reason())
                + (q.since().isEmpty() ? "" : " since " + q.since())
                + (q.nextAttempt().isEmpty() ? "" : ", next attempt " + q.nextAttempt())
                + (q.error().isEmpty() ? "" : " (" + q.error() + ")")));
        lines.add("  last execution: " + reading.lastRun().map(JobDescription::run).orElse("none: the job never ran"));
        SynchronizationJob.Status status = job.status();
        if (status != null) {
            lines.add("  escrows pruned: " + Boolean.TRUE.equals(status.escrowsPruned())
                    + ", successive complete failures: " + count(status.countSuccessiveCompleteFailures()));
        }
        advice(reading).ifPresent(a -> lines.add("  !! " + a));
        return lines;
    }

    /** One line: the state, and "never ran" when it never did. */
    public static String headline(SynchronizationJob job) {
        JobReading reading = JobReading.of(job);
        return reading.code() + (reading.lastRun().isEmpty() ? " (never ran)" : "");
    }

    private static String run(JobReading.Run run) {
        return orDash(run.state()) + ", " + orDash(run.began()) + " to " + orDash(run.ended()) + "; imported "
                + run.imported() + ", exported " + run.exported() + ", escrowed " + run.escrowed()
                + (run.error().isEmpty() ? "" : "; error " + run.error());
    }

    public static Optional<String> advice(SynchronizationJob job) {
        return advice(JobReading.of(job));
    }

    /**
     * What to do about a quarantined, paused or unconfigured job, if it is one. The reasons are
     * synchronizationQuarantine's {@code quarantineReason} values
     * (learn.microsoft.com/graph/api/resources/synchronization-synchronizationquarantine); "Application provisioning
     * in quarantine status"
     * (learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status): cycles slow
     * down to once a day, the quarantine ends once the errors are fixed and the next cycle starts, and after four
     * weeks the job is disabled.
     */
    public static Optional<String> advice(JobReading reading) {
        return switch (reading.state()) {
            case QUARANTINE -> {
                String reason = reading.quarantineReason();
                yield Optional.of("the job is in QUARANTINE" + (reason.isEmpty() ? "" : " (" + reason + ")")
                        + ": uploads are accepted but not processed, and after four weeks in quarantine the service"
                        + " disables the job. " + quarantineFix(reason));
            }
            case PAUSED -> Optional.of("the job is PAUSED: uploads are accepted but not processed until it is"
                    + " started: 'job start', or Start provisioning again on the app's Provisioning page in the Entra"
                    + " admin center");
            case NOT_CONFIGURED -> Optional.of("the job is NOT CONFIGURED: uploads are accepted but not processed;"
                    + " finish the app's provisioning setup in the Entra admin center, then 'job start'");
            default -> Optional.empty();
        };
    }

    /** What to do about a quarantine for {@code reason} (empty when the service gave none). */
    public static String quarantineFix(String reason) {
        String restart = "'job restart --scope QuarantineState' (or wait for the next cycle)";
        if (reason.isEmpty()) {
            return "Fix the cause shown on the job's provisioning page, then " + restart + ".";
        }
        return switch (reason) {
            case "EncounteredBaseEscrowThreshold", "EncounteredTotalEscrowThreshold",
                    "EncounteredEscrowProportionThreshold" -> "Too many records fail: fix the failures the"
                            + " provisioning logs show (the run reports list them), then " + restart + ".";
            case "TooManyDeletes" -> "Accidental-deletion prevention held back deletions above the threshold: review"
                    + " them in the provisioning logs; if they are intended, 'job restart --scope ForceDeletes"
                    + " --allow-force-deletes', otherwise fix the source, then " + restart + ".";
            case "QuarantinedOnDemand" -> "It was quarantined on purpose: ask why before " + restart + ".";
            default -> "Fix the cause shown on the job's provisioning page (a job started without a notification"
                    + " email goes into quarantine; invalid credentials are the usual EncounteredQuarantineException),"
                    + " then " + restart + ".";
        };
    }

    private static String count(Long value) {
        return value == null ? "-" : value.toString();
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
