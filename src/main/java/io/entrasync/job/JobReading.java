package io.entrasync.job;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one reading of a synchronizationJob, as Microsoft's service writes it: {@code job status}, {@code status}, the
 * status page and reconciliation's cause for unconfirmed records all read a job through here.
 * <p>
 * The rules follow the only synchronizationJob JSON Microsoft publishes: the Graph reference "Get synchronizationJob"
 * (learn.microsoft.com/graph/api/synchronization-synchronizationjob-get: {@code code: "Paused"}, a {@code quarantine}
 * object whose {@code currentBegan}, {@code nextAttempt} and {@code reason} are empty strings, interval
 * {@code P10675199DT2H48M5.4775807S}) and "Configure cross-tenant synchronization using Microsoft Graph"
 * (learn.microsoft.com/entra/identity/multi-tenant-organizations/cross-tenant-synchronization-configure-graph,
 * steps 8 and 13: a
 * created job, {@code Paused}, {@code quarantine: null}; a started job that never ran, {@code NotRun}, whose
 * {@code lastExecution} says {@code Failed} with all counts 0, times {@code 0001-01-01T00:00:00Z} and
 * {@code error.code: "None"}). So:
 * <ul>
 * <li>the state is {@code status.code} and nothing else;</li>
 * <li>{@code 0001-01-01...} (.NET's DateTime.MinValue), empty strings and {@code error.code "None"} mean "not
 * set";</li>
 * <li>an execution with no time and no counts is no execution: the job never ran;</li>
 * <li>quarantine details count only while the state is {@code Quarantine} (a paused job keeps an old series);</li>
 * <li>an interval of TimeSpan.MaxValue means no schedule.</li>
 * </ul>
 *
 * @param jobId the job's id (may be empty)
 * @param state the state from {@code status.code}
 * @param code {@code status.code} as sent ({@code unknown} when absent)
 * @param scheduleState {@code schedule.state} (Active, Disabled, Paused; may be empty)
 * @param interval the schedule's interval in words ({@code every 40 minutes}, {@code no schedule}; may be empty)
 * @param quarantine the quarantine now: only while the state is Quarantine
 * @param lastRun the last execution, empty when the job never ran
 */
public record JobReading(String jobId, State state, String code, String scheduleState, String interval,
        Optional<Quarantine> quarantine, Optional<Run> lastRun) {

    /** {@code synchronizationStatusCode}. */
    public enum State {
        NOT_CONFIGURED, NOT_RUN, ACTIVE, PAUSED, QUARANTINE, UNKNOWN
    }

    /** A quarantine now: the reason, since when, the next attempt, the service's error (each may be empty). */
    public record Quarantine(String reason, String since, String nextAttempt, String error) {
    }

    /** One execution: its result, times, counts, and the service's error (may be empty). */
    public record Run(String state, String began, String ended, long imported, long exported, long escrowed,
            String error) {
    }

    /** TimeSpan.MaxValue is 10675199 days and change; nothing real is scheduled that far apart. */
    private static final Duration NO_SCHEDULE = Duration.ofDays(10_000);

    public static JobReading of(SynchronizationJob job) {
        SynchronizationJob.Status status = job.status();
        String code = status == null || notSet(status.code()) ? "unknown" : status.code();
        State state = state(code);
        Optional<Quarantine> quarantine = state == State.QUARANTINE
                ? Optional.of(quarantine(status.quarantine())) : Optional.empty();
        Optional<Run> lastRun = status == null ? Optional.empty() : run(status.lastExecution());
        SynchronizationJob.Schedule schedule = job.schedule();
        return new JobReading(orEmpty(job.id()), state, code,
                schedule == null ? "" : orEmpty(schedule.state()),
                schedule == null ? "" : intervalInWords(schedule.interval()), quarantine, lastRun);
    }

    /** Whether uploads the job receives now wait unprocessed: paused, quarantined, or not configured. */
    public boolean stopped() {
        return state == State.PAUSED || state == State.QUARANTINE || state == State.NOT_CONFIGURED;
    }

    /** The reason of the quarantine now, or empty. */
    public String quarantineReason() {
        return quarantine.map(Quarantine::reason).orElse("");
    }

    /** Whether {@code value} (a time, a reason, a code) is not set: null, empty, or .NET's DateTime.MinValue. */
    static boolean notSet(String value) {
        return value == null || value.isBlank() || value.startsWith("0001-01-01");
    }

    private static String orEmpty(String value) {
        return notSet(value) ? "" : value;
    }

    private static State state(String code) {
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "notconfigured" -> State.NOT_CONFIGURED;
            case "notrun" -> State.NOT_RUN;
            case "active" -> State.ACTIVE;
            case "paused" -> State.PAUSED;
            case "quarantine" -> State.QUARANTINE;
            default -> State.UNKNOWN;
        };
    }

    private static Quarantine quarantine(SynchronizationJob.Quarantine q) {
        if (q == null) {
            return new Quarantine("", "", "", "");
        }
        return new Quarantine(orEmpty(q.reason()), orEmpty(q.currentBegan()), orEmpty(q.nextAttempt()),
                error(q.error()));
    }

    private static Optional<Run> run(SynchronizationJob.Execution e) {
        if (e == null) {
            return Optional.empty();
        }
        long imported = count(e.countImported());
        long exported = count(e.countExported());
        long escrowed = count(e.countEscrowed());
        if (notSet(e.timeBegan()) && notSet(e.timeEnded()) && imported + exported + escrowed == 0) {
            return Optional.empty(); // the placeholder execution of a job that never ran
        }
        return Optional.of(new Run(orEmpty(e.state()), orEmpty(e.timeBegan()), orEmpty(e.timeEnded()), imported,
                exported, escrowed, error(e.error())));
    }

    /** {@code code: message}, or empty when there is no error ({@code null} or code {@code None}). */
    private static String error(SynchronizationJob.ServiceError error) {
        if (error == null || notSet(error.code()) || "None".equalsIgnoreCase(error.code())) {
            return "";
        }
        return error.code() + (notSet(error.message()) ? "" : ": " + error.message().strip());
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }

    /** A .NET TimeSpan in ISO form ({@code PT40M}) in words; TimeSpan.MaxValue is "no schedule". */
    static String intervalInWords(String interval) {
        if (notSet(interval)) {
            return "";
        }
        Duration duration;
        try {
            duration = Duration.parse(interval);
        } catch (DateTimeParseException | ArithmeticException e) {
            return "interval " + interval;
        }
        if (duration.compareTo(NO_SCHEDULE) >= 0) {
            return "no schedule";
        }
        List<String> parts = new ArrayList<>();
        unit(parts, duration.toDaysPart(), "day");
        unit(parts, duration.toHoursPart(), "hour");
        unit(parts, duration.toMinutesPart(), "minute");
        unit(parts, duration.toSecondsPart(), "second");
        return parts.isEmpty() ? "interval " + interval : "every " + String.join(" ", parts);
    }

    private static void unit(List<String> parts, long amount, String unit) {
        if (amount > 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
