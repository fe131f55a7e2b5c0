package io.entrasync.reconcile;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.entrasync.reconcile.RecordState.Status;
import io.entrasync.report.RecordOutcome;

/**
 * The {@code status --source NAME} view: the last runs with their service outcomes, and the open failures (records
 * whose latest send failed or stayed unconfirmed, newest run first, not since confirmed by a later run).
 */
public record StatusReport(String source, List<RunLine> runs, List<Failure> openFailures) {

    /** Open failures printed; the rest are counted. */
    public static final int FAILURES_LISTED = 100;

    public record RunLine(String runId, String report, String state, long sent, long open, long resent,
            Map<RecordOutcome, Long> outcomes, String cause) {
    }

    public record Failure(String externalId, String runId, String outcome, String errorCode, String detail) {
    }

    static StatusReport of(String source, List<RunState> newestFirst) {
        List<RunLine> runs = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RunState run : newestFirst) {
            runs.add(new RunLine(run.run().runId(), run.run().reportFolder() + ".report.json",
                    run.closedAt() != null ? "complete" : "open", run.records().size(), run.open(), run.resent(),
                    run.outcomes(), run.cause()));
            for (RecordState record : run.records().values()) {
                if (!seen.add(record.externalId())) {
                    continue; // a newer run already says where this record stands
                }
                boolean failed = record.status() == Status.RESEND || (record.done()
                        && (record.outcome() == RecordOutcome.SERVICE_FAILED
                                || record.outcome() == RecordOutcome.UNCONFIRMED));
                if (failed) {
                    failures.add(new Failure(record.externalId(), run.run().runId(),
                            record.status() == Status.RESEND ? "re-send due" : record.outcome().label(),
                            record.errorCode() == null ? "" : record.errorCode(), record.detail()));
                }
            }
        }
        return new StatusReport(source, runs, failures);
    }

    /** Prints the two tables. */
    public void print(PrintWriter out) {
        out.printf("Source %s: last %d run(s)%n", source, runs.size());
        String columns = "%-26s %-9s %6s %6s %6s %7s %7s %7s %8s %7s %7s %6s %7s%n";
        out.printf(columns, "RUN", "STATE", "SENT", "OPEN", "RESENT", "CREATED", "UPDATED", "ENABLED", "DISABLED",
                "SKIPPED", "WARNING", "FAILED", "UNCONF");
        for (RunLine run : runs) {
            out.printf(columns, run.runId(), run.state(), run.sent(), run.open(), run.resent(),
                    count(run, RecordOutcome.CREATED) + count(run, RecordOutcome.CREATED_DISABLED),
                    count(run, RecordOutcome.UPDATED) + count(run, RecordOutcome.UPDATED_DISABLED),
                    count(run, RecordOutcome.ENABLED), count(run, RecordOutcome.DISABLED),
                    count(run, RecordOutcome.SKIPPED), count(run, RecordOutcome.WARNING),
                    count(run, RecordOutcome.SERVICE_FAILED), count(run, RecordOutcome.UNCONFIRMED));
            if (!run.cause().isEmpty()) {
                out.printf("  !! %s%n", run.cause());
            }
        }
        out.println();
        if (openFailures.isEmpty()) {
            out.println("No open failures.");
            return;
        }
        out.printf("Open failures: %d%n", openFailures.size());
        String failureColumns = "%-20s %-26s %-14s %-40s %s%n";
        out.printf(failureColumns, "EXTERNAL ID", "RUN", "OUTCOME", "ERROR CODE", "DETAIL");
        openFailures.stream().limit(FAILURES_LISTED).forEach(failure -> out.printf(failureColumns,
                failure.externalId(), failure.runId(), failure.outcome(), failure.errorCode(), failure.detail()));
        if (openFailures.size() > FAILURES_LISTED) {
            out.printf("... and %d more (see the runs' results.csv)%n", openFailures.size() - FAILURES_LISTED);
        }
        out.flush();
    }

    private static long count(RunLine run, RecordOutcome outcome) {
        return run.outcomes().getOrDefault(outcome, 0L);
    }
}
