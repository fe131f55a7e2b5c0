package io.entrasync.reconcile;

import java.util.Map;

import io.entrasync.report.RecordOutcome;

/**
 * What one reconciliation pass over one source did.
 *
 * @param source the source
 * @param busy another reconciler held the source's reconcile lease: nothing was done
 * @param openRuns runs open (in the ledger) at the start of the pass
 * @param lateRuns closed runs with unconfirmed records the pass looked at again, for entries that came late
 * @param closedRuns runs whose every record got a final outcome (and complete reports) in this pass
 * @param logRequests provisioning-log requests (pages), retries included
 * @param logEntries entries read
 * @param throttled 429 answers from the logs API
 * @param decided final outcomes decided in this pass
 * @param resent records sent again
 * @param stillOpen records still waiting (for a log entry or a re-send) after the pass
 * @param cause why records went unconfirmed in this pass (a paused or quarantined job), empty when none
 */
public record PassResult(String source, boolean busy, int openRuns, int lateRuns, int closedRuns, long logRequests,
        long logEntries, long throttled, Map<RecordOutcome, Long> decided, long resent, long stillOpen,
        String cause) {

    static PassResult idle(String source, boolean busy) {
        return new PassResult(source, busy, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, "");
    }

    public String describe() {
        if (busy) {
            return source + ": another reconciler is working on this source; skipped";
        }
        if (openRuns + lateRuns == 0) {
            return source + ": nothing to reconcile";
        }
        String late = lateRuns > 0 ? " and " + lateRuns + " closed run(s) watched for late entries" : "";
        return source + ": " + openRuns + " open run(s)" + late + ", " + closedRuns + " completed; " + logRequests
                + " log request(s), " + logEntries + " entries" + (throttled > 0 ? ", " + throttled + " throttled" : "")
                + "; decided " + decided.values().stream().mapToLong(Long::longValue).sum() + " " + labels(decided)
                + "; re-sent " + resent + "; still open " + stillOpen
                + (cause.isEmpty() ? "" : "; " + cause);
    }

    static String labels(Map<RecordOutcome, Long> counts) {
        StringBuilder text = new StringBuilder("(");
        counts.forEach((outcome, count) -> text.append(text.length() > 1 ? ", " : "").append(outcome.label())
                .append(' ').append(count));
        return text.append(')').toString();
    }
}
