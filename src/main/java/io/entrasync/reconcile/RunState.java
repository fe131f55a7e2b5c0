package io.entrasync.reconcile;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.entrasync.ledger.LedgerRun;
import io.entrasync.report.RecordOutcome;

/**
 * Reconciliation's view of one run, kept at {@code <source>/reconcile/runs/<runId>.json}.
 *
 * @param run the run
 * @param records by externalId, in send order
 * @param resultsEtag ETag of {@code results.csv} as reconciliation last wrote it (a rewrite by a resumed run
 *        changes it, and reconciliation completes the file again)
 * @param reportedVersion {@code version} at the last report completion
 * @param version bumped on every change of a record
 * @param cause why records went unconfirmed (a paused or quarantined job), empty otherwise
 * @param logRequests provisioning-log requests of every pass that looked at this run: a pass reads the logs for all
 *        the runs it looks at at once, so each of them counts the pass's whole number (stored as {@code logCalls},
 *        the name state written by earlier versions uses)
 * @param closedAt when every record had a final outcome and the reports were complete; null while open
 */
public record RunState(LedgerRun run, Map<String, RecordState> records, String resultsEtag, long reportedVersion,
        long version, String cause, @JsonProperty("logCalls") long logRequests, Instant closedAt) {

    public RunState {
        records = new LinkedHashMap<>(records);
        cause = cause == null ? "" : cause;
    }

    static RunState start(LedgerRun run) {
        return new RunState(run, Map.of(), null, 0, 0, "", 0, null);
    }

    boolean allFinal() {
        return !records.isEmpty() && records.values().stream().allMatch(RecordState::done);
    }

    long open() {
        return records.values().stream().filter(record -> !record.done()).count();
    }

    /** Final outcomes by outcome. */
    Map<RecordOutcome, Long> outcomes() {
        Map<RecordOutcome, Long> counts = new EnumMap<>(RecordOutcome.class);
        for (RecordState record : records.values()) {
            if (record.done()) {
                counts.merge(record.outcome(), 1L, Long::sum);
            }
        }
        return counts;
    }

    long resent() {
        return records.values().stream().filter(record -> record.attempt() > 1).count();
    }

    RunState with(Map<String, RecordState> newRecords, boolean changed, String newCause, long passLogRequests) {
        return new RunState(run, newRecords, resultsEtag, reportedVersion, changed ? version + 1 : version,
                newCause, logRequests + passLogRequests, closedAt);
    }

    RunState reported(String etag) {
        return new RunState(run, records, etag, version, version, cause, logRequests, closedAt);
    }

    RunState closed(Instant when) {
        return new RunState(run, records, resultsEtag, reportedVersion, version, cause, logRequests, when);
    }
}
