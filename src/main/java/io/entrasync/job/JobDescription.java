package io.entrasync.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A synchronizationJob for people: its state, quarantine, last execution and counts, and what to do. */
public final class JobDescription {

    private JobDescription() {
    }

    public static List<String> lines(SynchronizationJob job) {
        List<String> lines = new ArrayList<>();
        lines.add("job " + job.id() + " (template " + orDash(job.templateId()) + ")");
        lines.add("  state: " + job.statusCode() + ", schedule " + orDash(job.scheduleState())
                + (job.schedule() == null || job.schedule().interval() == null ? ""
                        : " every " + job.schedule().interval()));
        SynchronizationJob.Status status = job.status();
        if (status != null && status.quarantine() != null) {
            SynchronizationJob.Quarantine q = status.quarantine();
            lines.add("  QUARANTINE: " + orDash(q.reason()) + " since " + orDash(q.currentBegan())
                    + (q.nextAttempt() == null ? "" : ", next attempt " + q.nextAttempt())
                    + (q.error() == null ? "" : " (" + orDash(q.error().code()) + ": " + orDash(q.error().message())
                            + ")"));
        }
        if (status != null && status.lastExecution() != null) {
            SynchronizationJob.Execution e = status.lastExecution();
            lines.add("  last execution: " + orDash(e.state()) + ", " + orDash(e.timeBegan()) + " to "
                    + orDash(e.timeEnded()) + "; imported " + count(e.countImported()) + ", exported "
                    + count(e.countExported()) + ", escrowed " + count(e.countEscrowed())
                    + (e.error() == null ? "" : "; error " + orDash(e.error().code()) + ": "
                            + orDash(e.error().message())));
        } else {
            lines.add("  last execution: none yet");
        }
        if (status != null) {
            lines.add("  escrows pruned: " + Boolean.TRUE.equals(status.escrowsPruned())
                    + ", successive complete failures: " + count(status.countSuccessiveCompleteFailures()));
        }
        advice(job).ifPresent(a -> lines.add("  !! " + a));
        return lines;
    }

    /**
     * What to do about a quarantined or paused job, if it is one. The reasons are synchronizationQuarantine's
     * {@code quarantineReason} values
     * (learn.microsoft.com/graph/api/resources/synchronization-synchronizationquarantine);
     * "Application provisioning in quarantine status" (learn.microsoft.com/entra/identity/app-provisioning/
     * application-provisioning-quarantine-status): cycles slow down to once a day, the quarantine ends once the errors
     * are fixed and the next cycle starts, and after four weeks the job is disabled.
     */
    public static Optional<String> advice(SynchronizationJob job) {
        if (job.quarantined()) {
            String code = job.status() == null || job.status().quarantine() == null ? null
                    : job.status().quarantine().reason();
            return Optional.of("the job is in QUARANTINE" + (code == null ? "" : " (" + orDash(code) + ")")
                    + ": uploads are accepted but not processed, and after four weeks in quarantine the service"
                    + " disables the job. " + quarantineFix(code));
        }
        if (job.paused()) {
            return Optional.of("the job is PAUSED: uploads are accepted but not processed until"
                    + " 'job start'");
        }
        return Optional.empty();
    }

    private static String quarantineFix(String reason) {
        String restart = "'job restart --scope QuarantineState' (or wait for the next cycle)";
        if (reason == null) {
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
