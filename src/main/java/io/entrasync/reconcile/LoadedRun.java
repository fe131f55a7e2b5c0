package io.entrasync.reconcile;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.entrasync.ledger.LedgerRecord;
import io.entrasync.ledger.LedgerRun;
import io.entrasync.reconcile.RecordState.Status;
import io.entrasync.report.RecordOutcome;

/** A run while a reconciliation pass works on it: its records' states and the JSON last sent for each. */
final class LoadedRun {
    final LedgerRun run;
    RunState state;
    final Map<String, RecordState> records;
    final Map<String, LedgerRecord> lastSent = new HashMap<>();
    boolean changed;
    /** Why records went unconfirmed (a paused or quarantined job), empty otherwise; see {@link RunState#cause}. */
    String cause;

    LoadedRun(LedgerRun run, RunState state) {
        this.run = run;
        this.state = state;
        this.records = new LinkedHashMap<>(state.records());
        this.cause = state.cause();
    }

    void update(RecordState record) {
        records.put(record.externalId(), record);
        changed = true;
    }

    /** Records whose send still looks for its change: pending ones, and unconfirmed ones (an entry may come late). */
    boolean hasWaiting() {
        return !waiting().isEmpty();
    }

    List<RecordState> waiting() {
        return records.values().stream().filter(record -> record.status() == Status.PENDING
                || (record.done() && record.outcome() == RecordOutcome.UNCONFIRMED)).toList();
    }

    List<RecordState> pending() {
        return records.values().stream().filter(record -> record.status() == Status.PENDING).toList();
    }
}
