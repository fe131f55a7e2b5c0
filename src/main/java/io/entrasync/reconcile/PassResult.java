package io.entrasync.reconcile;

import java.util.Map;

import io.entrasync.report.RecordOutcome;

/**
 * What one reconciliation pass over one source did.
 *
 * @param source the source
 * @param busy another reconciler held the source's reconcile lease: nothing was done
 * @param openRuns runs with records still open at the start of the pass
 * @param closedRuns runs whose every record got a final outcome (and complete reports) in this pass
 * @param logRequests provisioning-log requests (pages), retries included
 * @param logEntries entries read
 * @param throttled 429 answers from the logs API
 * @param decided final outcomes decided in this pass
 * @param resent records sent again
 * @param stillOpen records still waiting (for a log entry or a re-send) after the pass
 * @param jobProblem why records are unconfirmed (paused or quarantined job), empty when none
 */
public record PassResult(String source, boolean busy, int openRuns, int closedRuns, long logRequests,
        long logEntries, long throttled, Map<RecordOutcome, Long> decided, long resent, long stillOpen,
        String jobProblem) {

    static PassResult idle(String source, boolean busy) {
        return new PassResult(source, busy, 0, 0, 0, 0, 0, Map.of(), 0, 0, "");
    }

    public String describe() {
        if (busy) {
            return source + ": another reconciler is working on this source; skipped";
        }
        if (openRuns == 0) {
            return source + ": nothing to reconcile";
        }
        return source + ": " + openRuns + " open run(s), " + closedRuns + " completed; " + logRequests
                + " log request(s), " + logEntries + " entries" + (throttled > 0 ? ", " + throttled + " throttled" : "")
                + "; decided " + decided.values().stream().mapToLong(Long::longValue).sum() + " " + labels(decided)
                + "; re-sent " + resent + "; still open " + stillOpen
                + (jobProblem.isEmpty() ? "" : "; " + jobProblem);
    }

    static String labels(Map<RecordOutcome, Long> counts) {
        StringBuilder text = new StringBuilder("(");
        counts.forEach((outcome, count) -> text.append(text.length() > 1 ? ", " : "").append(outcome.label())
                .append(' ').append(count));
        return text.append(')').toString();
    }
}
