package io.entrasync.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.entrasync.ledger.Ledger;
import io.entrasync.ledger.LedgerCall;
import io.entrasync.ledger.LedgerRecord;
import io.entrasync.ledger.LedgerRun;
import io.entrasync.reconcile.RecordState.Status;

/**
 * Loads the runs a pass works on: a run's state as reconciliation last saved it, brought up to date with the ledger
 * (the truth of what was sent).
 */
final class RunLoader {

    private final Ledger ledger;
    private final ReconcileStore store;
    private final ReconcileSources sources;

    RunLoader(Ledger ledger, ReconcileStore store, ReconcileSources sources) {
        this.ledger = ledger;
        this.store = store;
        this.sources = sources;
    }

    LoadedRun load(LedgerRun run) {
        RunState known = store.run(run.source(), run.runId()).orElse(RunState.start(run));
        LoadedRun loaded = new LoadedRun(run, known);
        // The ledger is the truth of what was sent: a send the state does not know yet (a crash between the
        // ledger and the state, a resumed run) makes the record wait for that send's entry.
        Map<String, Instant> sentAt = new HashMap<>();
        for (LedgerCall call : ledger.calls(run.source(), run.runId())) {
            for (LedgerRecord record : call.records()) {
                LedgerRecord previous = loaded.lastSent.get(record.externalId());
                if (previous == null || record.attempt() >= previous.attempt()) {
                    loaded.lastSent.put(record.externalId(), record);
                    sentAt.put(record.externalId(), call.calledAt());
                }
            }
        }
        for (Map.Entry<String, LedgerRecord> entry : loaded.lastSent.entrySet()) {
            LedgerRecord sent = entry.getValue();
            Instant when = sentAt.get(entry.getKey());
            RecordState record = loaded.records.get(entry.getKey());
            if (record == null) {
                loaded.update(RecordState.sent(sent.externalId(), sent.position(), sent.attempt(), when, "", List.of(),
                        null));
            } else if (sent.attempt() > record.attempt()) {
                loaded.update(RecordState.sent(sent.externalId(), sent.position(), sent.attempt(), when,
                        record.detail(), record.changeIds(), record.earlierAction()));
            } else if (sent.attempt() == record.attempt() && record.status() == Status.PENDING
                    && when.isAfter(record.sentAt())) {
                loaded.update(RecordState.sent(sent.externalId(), sent.position(), sent.attempt(), when,
                        record.detail(), record.changeIds(), record.earlierAction()));
            }
        }
        return loaded;
    }

    /**
     * Adds the closed runs with unconfirmed records, within the log retention: a late entry still corrects them.
     *
     * @return how many were added
     */
    int loadLateRuns(PassContext pass, Map<String, LoadedRun> runs) {
        Map<String, Instant> late = pass.watermarks.late();
        late.values().removeIf(until -> !until.isAfter(pass.now));
        int added = 0;
        for (String runId : List.copyOf(late.keySet())) {
            if (!runs.containsKey(runId)) {
                Optional<RunState> known = store.run(pass.source, runId);
                if (known.isPresent()) {
                    runs.put(runId, load(known.get().run()));
                    added++;
                } else {
                    late.remove(runId);
                }
            }
        }
        return added;
    }

    /** The open runs that other configured sources sent through {@code jobId} (read only, never saved here). */
    List<LoadedRun> otherSourcesRuns(String source, String jobId) {
        List<LoadedRun> others = new ArrayList<>();
        for (String other : sources.names()) {
            if (other.equals(source) || sources.settings(other).map(s -> !jobId.equals(s.target().jobId()))
                    .orElse(true)) {
                continue;
            }
            ledger.openRuns(other).stream().filter(run -> jobId.equals(run.jobId()))
                    .forEach(run -> others.add(load(run)));
        }
        return others;
    }
}
