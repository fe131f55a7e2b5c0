package io.entrasync.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.delta.FailedRecords;
import io.entrasync.delta.RecordVerdict;
import io.entrasync.ledger.Ledger;
import io.entrasync.report.RecordOutcome;
import io.entrasync.state.LeasePaths;
import io.entrasync.state.LeaseUnavailableException;
import io.entrasync.state.StateStore;

/**
 * The last step of a pass: saves each run's state, tells delta which records' latest send failed, completes the
 * reports of runs that changed (under the source's lease, never while an extract of the source is being processed),
 * closes runs whose every record is final with one JSON summary line each, and keeps closed runs with unconfirmed
 * records watched for late entries.
 */
final class RunCloser {

    private static final Logger LOG = Logger.getLogger(RunCloser.class);

    private final StateStore state;
    private final Ledger ledger;
    private final ReconcileStore store;
    private final FailedRecords failedRecords;
    private final ReportCompleter reports;
    private final ReconcileSettings settings;
    private final ObjectMapper mapper;

    RunCloser(StateStore state, Ledger ledger, ReconcileStore store, ReportCompleter reports,
            ReconcileSettings settings, ObjectMapper mapper) {
        this.state = state;
        this.ledger = ledger;
        this.store = store;
        this.failedRecords = new FailedRecords(state, mapper);
        this.reports = reports;
        this.settings = settings;
        this.mapper = mapper;
    }

    /**
     * Saves, completes and closes the pass's runs.
     *
     * @param logRequests the pass's provisioning-log requests, added to every run the pass looked at
     * @return the runs closed
     */
    int saveAndClose(PassContext pass, Collection<LoadedRun> runs, long logRequests) {
        List<RecordVerdict> verdicts = new ArrayList<>();
        for (LoadedRun run : runs) {
            run.state = run.state.with(run.records, run.changed, run.cause, logRequests);
            store.save(run.state);
            run.records.values().stream().filter(record -> record.done() && pass.now.equals(record.decidedAt()))
                    .map(RunCloser::verdict).forEach(verdicts::add);
        }
        // Delta runs send a record again while its latest send is marked failed.
        failedRecords.record(pass.source, verdicts);
        int closed = completeReports(pass.source, runs, pass.now);
        watchLateEntries(pass, runs);
        return closed;
    }

    private static RecordVerdict verdict(RecordState record) {
        // A record created without the manager it names is sent again by the next run too (delta marks it failed).
        boolean failed = record.outcome() == RecordOutcome.SERVICE_FAILED
                || record.outcome() == RecordOutcome.UNCONFIRMED
                || (record.outcome() == RecordOutcome.WARNING && record.errorCode() != null);
        return new RecordVerdict(record.externalId(), record.sentAt(), failed, record.outcome().label(),
                failed && record.errorCode() != null ? record.errorCode() : "");
    }

    /**
     * Completes the reports of runs that changed (or whose results.csv a resumed run rewrote); closes finished runs.
     */
    private int completeReports(String source, Collection<LoadedRun> runs, Instant now) {
        List<LoadedRun> due = runs.stream()
                .filter(run -> reportStale(run.state) || (run.state.allFinal() && run.state.closedAt() == null))
                .toList();
        if (due.isEmpty()) {
            return 0;
        }
        int closed = 0;
        // The source's lease: never rewrite reports while an extract of this source is being processed.
        try (StateStore.Lease lease = state.acquireLease(LeasePaths.source(source), Duration.ofSeconds(30))) {
            for (LoadedRun run : due) {
                if (reportStale(run.state)) {
                    Optional<String> etag = reports.complete(run.state, settings, now);
                    if (etag.isEmpty()) {
                        continue; // no results.csv yet
                    }
                    run.state = run.state.reported(etag.get());
                    store.save(run.state);
                }
                if (run.state.allFinal() && run.state.closedAt() == null) {
                    ledger.close(run.run);
                    run.state = run.state.closed(now);
                    store.save(run.state);
                    logSummary(run.state, now);
                    closed++;
                }
            }
        } catch (LeaseUnavailableException busy) {
            LOG.debugf("Source %s is processing an extract; its reports are completed at the next pass", source);
        }
        return closed;
    }

    /** Whether the run changed since its reports were last completed, or a resumed run rewrote its results.csv. */
    private boolean reportStale(RunState run) {
        return run.version() != run.reportedVersion() || run.resultsEtag() == null
                || !reports.resultsEtag(run).map(etag -> etag.equals(run.resultsEtag())).orElse(false);
    }

    private void logSummary(RunState run, Instant now) {
        ObjectNode line = mapper.createObjectNode();
        line.put("event", Reconciler.SUMMARY_EVENT);
        line.put("source", run.run().source());
        line.put("runId", run.run().runId());
        line.put("report", run.run().reportFolder() + ".report.json");
        line.put("jobId", run.run().jobId());
        line.put("records", run.records().size());
        ObjectNode outcomes = line.putObject("outcomes");
        run.outcomes().forEach((outcome, count) -> outcomes.put(outcome.label(), count));
        line.put("resent", run.resent());
        line.put("logRequests", run.logRequests());
        Instant firstSend = run.records().values().stream().map(RecordState::sentAt).min(Comparator.naturalOrder())
                .orElse(now);
        line.put("firstSentAt", firstSend.toString());
        line.put("reconciledAt", now.toString());
        if (!run.cause().isEmpty()) {
            line.put("cause", run.cause());
        }
        LOG.info(line.toString());
    }

    /** Closed runs with unconfirmed records stay watched for the log retention: a late entry still corrects them. */
    private static void watchLateEntries(PassContext pass, Collection<LoadedRun> runs) {
        for (LoadedRun run : runs) {
            Optional<Instant> lastUnconfirmed = run.state.records().values().stream()
                    .filter(record -> record.outcome() == RecordOutcome.UNCONFIRMED).map(RecordState::sentAt)
                    .max(Comparator.naturalOrder());
            if (run.state.closedAt() != null && lastUnconfirmed.isPresent()) {
                pass.watermarks.late().put(run.run.runId(),
                        lastUnconfirmed.get().plus(ReconcileSettings.LOG_RETENTION));
            } else {
                pass.watermarks.late().remove(run.run.runId());
            }
        }
    }
}
