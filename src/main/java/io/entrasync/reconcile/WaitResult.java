package io.entrasync.reconcile;

import java.util.List;
import java.util.Map;

import io.entrasync.report.RecordOutcome;

/**
 * Where the runs stood when {@link Reconciler#reconcileUntilFinal} returned.
 *
 * @param complete every watched record has a final outcome and the runs' reports are complete
 * @param outcomes final outcomes of the watched runs' records, by outcome
 * @param open records still without a final outcome (the timeout passed)
 * @param passes reconciliation passes made
 * @param runs the watched runs as they stand
 */
public record WaitResult(boolean complete, Map<RecordOutcome, Long> outcomes, long open, int passes,
        List<RunState> runs) {

    public long count(RecordOutcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    public String describe() {
        return (complete ? "complete: " : "NOT complete (" + open + " record(s) still open): ")
                + PassResult.labels(outcomes) + " after " + passes + " pass(es)";
    }
}
