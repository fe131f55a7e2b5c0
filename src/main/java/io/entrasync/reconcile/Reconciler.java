package io.entrasync.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.delta.FailedRecords;
import io.entrasync.delta.RecordVerdict;
import io.entrasync.graph.CallStats;
import io.entrasync.graph.GraphClient;
import io.entrasync.ledger.Ledger;
import io.entrasync.ledger.LedgerCall;
import io.entrasync.ledger.LedgerRecord;
import io.entrasync.ledger.LedgerRun;
import io.entrasync.reconcile.RecordState.Status;
import io.entrasync.report.RecordOutcome;
import io.entrasync.state.LeaseUnavailableException;
import io.entrasync.state.StateStore;
import io.entrasync.upload.BulkUploadTarget;
import io.entrasync.upload.SharedPacers;
import io.entrasync.upload.SlidingWindowPacer;
import io.entrasync.upload.UploadEngines;
import io.entrasync.upload.UploadSettings;

/**
 * Turns the ledger's "sent" into the service's verdict, source by source. One pass:
 * <ol>
 * <li>loads the source's open runs (ledger) and what is known of their records;</li>
 * <li>per job with records waiting: reads the provisioning logs once, for the window from the oldest waiting send
 * (minus the clock skew) or the last read's start minus the overlap, whichever is later; pages through
 * {@code @odata.nextLink} at the reports API's pace;</li>
 * <li>groups entries by changeId and gives each waiting send the first unclaimed change of its externalId at or
 * after the send: created, updated, enabled, disabled, skipped, warning or service-failed;</li>
 * <li>records with no entry {@code unconfirmed-after} their send become unconfirmed, with the job's status as the
 * likely cause (a paused or quarantined job is logged as an error);</li>
 * <li>re-sends failures a re-send can fix (an unresolved manager, a transient service failure) through the upload
 * engine, the JSON exactly as last sent, at most {@code max-attempts} sends per record;</li>
 * <li>completes each run's results.csv and report.json (under the source's lease, never while an extract of the
 * source is being processed), and closes a run when every record is final, logging one JSON summary line.</li>
 * </ol>
 */
public final class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    /** Log line prefix of the per-run summary, for Application Insights queries. */
    public static final String SUMMARY_EVENT = "EntraInboundSyncRunReconciled";

    private final StateStore state;
    private final Ledger ledger;
    private final FailedRecords failedRecords;
    private final ReconcileStore store;
    private final ReconcileSources sources;
    private final GraphAccess graph;
    private final ReportCompleter reports;
    private final ObjectMapper mapper;
    private final ReconcileSettings settings;
    private final ReconcileMetrics metrics;
    private final Resender resender;
    private final Clock clock;
    private final BlobContainerClient processed;

    public Reconciler(StateStore state, ReconcileSources sources, GraphAccess graph, BlobContainerClient processed,
            ObjectMapper mapper, ReconcileSettings settings, ReconcileMetrics metrics, Clock clock) {
        this.state = state;
        this.ledger = new Ledger(state, mapper);
        this.failedRecords = new FailedRecords(state, mapper);
        this.store = new ReconcileStore(state, mapper);
        this.sources = sources;
        this.graph = graph;
        this.reports = new ReportCompleter(processed, mapper);
        this.mapper = mapper;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.resender = new Resender(ledger, graph, mapper, metrics);
        this.processed = processed;
    }

    /**
     * A reconciler over explicit parts, for callers without CDI (the local demo, benchmarks):
     * {@code Reconciler.create(state, engines, zone.processed(), mapper, settings, uploadSettings)} then
     * {@code reconcileUntilFinal(source, Optional.of(runId), timeout)}.
     */
    public static Reconciler create(StateStore state, UploadEngines engines,
            BlobContainerClient processed, ObjectMapper mapper, ReconcileSettings settings, UploadSettings... sources) {
        return new Reconciler(state, ReconcileSources.of(sources), GraphAccess.of(engines), processed, mapper, settings,
                ReconcileMetrics.inMemory(), Clock.systemUTC());
    }

    public ReconcileSettings settings() {
        return settings;
    }

    public Set<String> sourceNames() {
        return sources.names();
    }

    /** One pass over every configured source; a failing source is logged and does not stop the others. */
    public List<PassResult> reconcileAll() throws InterruptedException {
        List<PassResult> results = new ArrayList<>();
        for (String source : sources.names()) {
            try {
                results.add(reconcile(source));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Reconciliation of source %s failed; it is tried again at the next pass", source);
            }
        }
        return results;
    }

    /** One pass over one source. */
    public PassResult reconcile(String source) throws InterruptedException {
        UploadSettings upload = sources.settings(source).orElseThrow(() -> new IllegalArgumentException(
                "No source named '" + source + "' is configured (configured: " + sources.names() + ")"));
        List<LedgerRun> open = ledger.openRuns(source);
        metrics.quotaLeft(source, quotaLeft(upload));
        recheckStoppedJob(source, upload);
        if (open.isEmpty() && store.watermarks(source).late().isEmpty()) {
            metrics.open(source, 0);
            return PassResult.idle(source, false);
        }
        try (StateStore.Lease lease = state.acquireLease(ReconcileStore.leasePath(source), Duration.ofSeconds(60))) {
            PassResult result = pass(source, upload, open);
            LOG.info(result.describe());
            return result;
        } catch (LeaseUnavailableException busy) {
            return PassResult.idle(source, true);
        }
    }

    /**
     * Reconciles {@code source} again and again until every record of the watched runs has a final outcome and their
     * reports are complete, or {@code timeout} has passed. For the local demo and {@code reconcile --wait}.
     *
     * @param runId the run to watch; empty for every run open when the call starts
     */
    public WaitResult reconcileUntilFinal(String source, Optional<String> runId, Duration timeout)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        Set<String> watched = new LinkedHashSet<>();
        runId.ifPresentOrElse(watched::add, () -> ledger.openRuns(source).forEach(run -> watched.add(run.runId())));
        int passes = 0;
        while (true) {
            reconcile(source);
            passes++;
            boolean anyOpen = watched.stream().anyMatch(id -> ledger.isOpen(source, id));
            Duration left = Duration.between(clock.instant(), deadline);
            if (!anyOpen || left.isNegative() || left.isZero()) {
                return waitResult(source, watched, !anyOpen, passes);
            }
            Thread.sleep(Math.min(settings.waitPoll().toMillis(), left.toMillis()));
        }
    }

    private WaitResult waitResult(String source, Set<String> watched, boolean complete, int passes) {
        Map<RecordOutcome, Long> outcomes = new EnumMap<>(RecordOutcome.class);
        long open = 0;
        List<RunState> runs = new ArrayList<>();
        for (String id : watched) {
            Optional<RunState> run = store.run(source, id);
            if (run.isPresent()) {
                runs.add(run.get());
                run.get().outcomes().forEach((outcome, count) -> outcomes.merge(outcome, count, Long::sum));
                open += run.get().open();
            }
        }
        return new WaitResult(complete, outcomes, open, passes, runs);
    }

    /** The last {@code runs} runs of a source and its open failures, for the {@code status} command. */
    public StatusReport status(String source, int runs) {
        if (sources.settings(source).isEmpty()) {
            throw new IllegalArgumentException("No source named '" + source + "' is configured (configured: "
                    + sources.names() + ")");
        }
        return StatusReport.of(source, store.lastRuns(source, Math.max(1, runs)));
    }

    /** What the status page shows: {@link #status}, the last run reports, the quota by hour and the job's state. */
    public StatusOverview overview(String source, int runs) throws InterruptedException {
        StatusReport status = status(source, runs);
        return StatusOverview.collect(status, sources.settings(source).orElseThrow(), graph, processed, mapper,
                Math.max(1, runs), clock.instant());
    }

    private PassResult pass(String source, UploadSettings upload, List<LedgerRun> openRuns)
            throws InterruptedException {
        Instant now = clock.instant();
        ReconcileStore.Watermarks watermarks = store.watermarks(source);
        Map<String, LoadedRun> runs = new LinkedHashMap<>();
        for (LedgerRun run : openRuns) {
            runs.put(run.runId(), load(run));
        }
        // Closed runs with unconfirmed records, within the log retention: a late entry still corrects them.
        watermarks.late().values().removeIf(until -> !until.isAfter(now));
        for (String runId : List.copyOf(watermarks.late().keySet())) {
            if (!runs.containsKey(runId)) {
                store.run(source, runId).ifPresentOrElse(known -> runs.put(runId, load(known.run())),
                        () -> watermarks.late().remove(runId));
            }
        }
        GraphClient client = graph.graph(upload);
        CallStats logStats = new CallStats();
        long entries = 0;
        Map<RecordOutcome, Long> decided = new EnumMap<>(RecordOutcome.class);

        // 1. read the logs once per job that has records waiting, and match
        Map<String, List<LoadedRun>> byJob = new LinkedHashMap<>();
        runs.values().stream().filter(LoadedRun::hasWaiting)
                .forEach(run -> byJob.computeIfAbsent(run.run.jobId(), job -> new ArrayList<>()).add(run));
        Set<String> claimedHere = new HashSet<>();
        runs.values().forEach(run -> run.records.values().forEach(record -> claimedHere.addAll(record.changeIds())));
        claimedHere.addAll(watermarks.claims().keySet()); // claims written per source before they were per job
        SlidingWindowPacer reportsPacer = SharedPacers.forKey("reports-" + upload.sharingKey(),
                settings.reportsPacing());
        ProvisioningLogReader reader = new ProvisioningLogReader(client, () -> reportsPacer.acquire()::close, mapper);
        for (Map.Entry<String, List<LoadedRun>> job : byJob.entrySet()) {
            // Entries are claimed per job: every source feeding this job sees the same claims, under the job's lease.
            try (StateStore.Lease jobLease = jobLease(job.getKey())) {
                if (jobLease == null) {
                    LOG.infof("Source %s: another source is matching entries of job %s; its records wait for the next"
                            + " pass", source, job.getKey());
                    continue;
                }
                ReconcileStore.JobClaims claims = store.jobClaims(job.getKey());
                entries += matchJob(source, upload, reader, job.getKey(), job.getValue(),
                        otherSourcesRuns(source, job.getKey()), watermarks, claims, claimedHere, logStats, decided,
                        now);
                claims.pruneBefore(now.minus(settings.unconfirmedAfter()).minus(settings.clockSkew())
                        .minus(settings.overlap()));
                store.save(job.getKey(), claims);
            }
        }
        watermarks.pruneClaims(now.minus(settings.unconfirmedAfter()).minus(settings.clockSkew()));
        store.save(source, watermarks);
        metrics.requests(source, "provisioningLogs", logStats.attempts(), logStats.throttled());

        // 2. records without an entry for too long: unconfirmed, with the job's status as the cause
        String jobProblem = unconfirmed(source, upload, client, runs.values(), decided, now);

        // 3. re-send what a re-send can fix
        long resent = resender.resend(source, upload, runs, decided, now, () -> store.lastRuns(source, 50));

        // 4. save, complete the reports, close finished runs
        long logRequestsPerRun = runs.isEmpty() ? 0 : logStats.attempts();
        List<RecordVerdict> verdicts = new ArrayList<>();
        for (LoadedRun run : runs.values()) {
            run.state = run.state.with(run.records, run.changed, run.cause, logRequestsPerRun);
            store.save(run.state);
            run.records.values().stream().filter(record -> record.done() && now.equals(record.decidedAt()))
                    .map(Reconciler::verdict).forEach(verdicts::add);
        }
        // Delta runs send a record again while its latest send is marked failed.
        failedRecords.record(source, verdicts);
        int closed = completeReports(source, runs.values(), now);
        for (LoadedRun run : runs.values()) {
            Optional<Instant> lastUnconfirmed = run.state.records().values().stream()
                    .filter(record -> record.outcome() == RecordOutcome.UNCONFIRMED).map(RecordState::sentAt)
                    .max(Comparator.naturalOrder());
            if (run.state.closedAt() != null && lastUnconfirmed.isPresent()) {
                watermarks.late().put(run.run.runId(), lastUnconfirmed.get().plus(ReconcileSettings.LOG_RETENTION));
            } else {
                watermarks.late().remove(run.run.runId());
            }
        }
        store.save(source, watermarks);
        long stillOpen = runs.values().stream().mapToLong(run -> run.state.open()).sum();
        metrics.open(source, stillOpen);
        return new PassResult(source, false, runs.size(), closed, logStats.attempts(), entries, logStats.throttled(),
                decided, resent, stillOpen, jobProblem);
    }

    /**
     * Reads the job's entries once and gives each waiting send, oldest first, the first change of its externalId at
     * or after the send (minus the clock skew) that no send of any source has claimed; the later changes of the same
     * externalId in the same cycle refine that verdict and are claimed with it.
     *
     * @return the entries read
     */
    private long matchJob(String source, UploadSettings upload, ProvisioningLogReader reader, String jobId,
            List<LoadedRun> jobRuns, List<LoadedRun> foreignRuns, ReconcileStore.Watermarks watermarks,
            ReconcileStore.JobClaims claims, Set<String> claimedHere, CallStats logStats,
            Map<RecordOutcome, Long> decided, Instant now) throws InterruptedException {
        Instant readStart = clock.instant();
        Instant from = jobRuns.stream().flatMap(run -> run.waiting().stream()).map(RecordState::sentAt)
                .min(Comparator.naturalOrder()).orElse(readStart).minus(settings.clockSkew());
        Instant watermark = watermarks.jobs().get(jobId);
        if (watermark != null && watermark.minus(settings.overlap()).isAfter(from)) {
            from = watermark.minus(settings.overlap());
        }
        Instant held = jobRuns.stream().flatMap(run -> run.pending().stream())
                .filter(record -> record.heldChange() != null).map(RecordState::sentAt).min(Comparator.naturalOrder())
                .map(sent -> sent.minus(settings.clockSkew())).orElse(from);
        if (held.isBefore(from)) {
            from = held; // a held change must be read again
        }
        Map<String, ServiceChange> changes = new HashMap<>();
        long read = reader.read(upload.target().graphUrl(), upload.target().apiVersion(), jobId, from,
                settings.pageSize(), logStats, entry -> changes
                        .computeIfAbsent(entry.changeId(), id -> new ServiceChange(id, entry.externalId()))
                        .add(entry));
        watermarks.jobs().put(jobId, readStart);
        Map<String, List<ServiceChange>> byRecord = new HashMap<>();
        for (ServiceChange change : changes.values()) {
            byRecord.computeIfAbsent(change.externalId(), id -> new ArrayList<>()).add(change);
        }
        byRecord.values().forEach(list -> list.sort(Comparator.comparing(ServiceChange::time)));
        List<Pending> waitingSends = new ArrayList<>();
        jobRuns.forEach(run -> run.waiting().forEach(record -> waitingSends.add(new Pending(run, record, false))));
        // Another source's older send of the same externalId gets its pick first (it is decided by its own pass).
        foreignRuns.forEach(run -> run.pending().forEach(record -> waitingSends.add(new Pending(run, record, true))));
        foreignRuns.forEach(run -> run.records.values().forEach(record -> claimedHere.addAll(record.changeIds())));
        waitingSends.sort(Comparator.comparing(p -> p.record.sentAt()));
        for (Pending waiting : waitingSends) {
            Instant earliest = waiting.record.sentAt().minus(settings.clockSkew());
            List<ServiceChange> candidates = byRecord.getOrDefault(waiting.record.externalId(), List.of());
            ServiceChange first = null;
            OutcomeRules.Verdict verdict = null;
            List<String> taken = new ArrayList<>();
            for (ServiceChange change : candidates) {
                if (change.time().isBefore(earliest) || claims.taken(change.changeId())
                        || claimedHere.contains(change.changeId())) {
                    continue;
                }
                if (first == null) {
                    first = change;
                    verdict = change.verdict();
                } else if (first.cycleId() != null && first.cycleId().equals(change.cycleId())) {
                    verdict = OutcomeRules.refine(verdict, change.verdict());
                } else {
                    continue;
                }
                taken.add(change.changeId());
                claimedHere.add(change.changeId());
                if (!waiting.foreign) {
                    claims.claim(change.changeId(), change.time(), source, waiting.record.externalId());
                }
            }
            if (first == null || waiting.foreign) {
                continue;
            }
            boolean late = waiting.record.outcome() == RecordOutcome.UNCONFIRMED;
            if (!late && verdict.outcome() == RecordOutcome.WARNING && verdict.unresolvedReference() != null
                    && !heldLongEnough(waiting.record, first.changeId(), now)) {
                // The follow-up that sets the manager comes seconds after the entry and may not be visible yet.
                taken.forEach(id -> claims.claims().remove(id));
                waiting.run.update(first.changeId().equals(waiting.record.heldChange()) ? waiting.record
                        : waiting.record.holding(first.changeId(), now));
                continue;
            }
            RecordState after = decide(waiting.record, verdict, taken, now, late);
            waiting.run.update(after);
            if (after.done()) {
                decided.merge(after.outcome(), 1L, Long::sum);
                metrics.outcome(source, after.outcome(), Duration.between(after.sentAt(), now));
            }
        }
        return read;
    }

    /**
     * Whether a change that shows a skipped manager has been held long enough to decide it: seen in an earlier pass
     * at least {@link ReconcileSettings#FOLLOW_UP_HOLD} ago.
     */
    private static boolean heldLongEnough(RecordState record, String changeId, Instant now) {
        return changeId.equals(record.heldChange()) && record.heldSince() != null
                && !record.heldSince().plus(ReconcileSettings.FOLLOW_UP_HOLD).isAfter(now);
    }

    /** The job's matching lease; null when another source holds it for longer than a few seconds. */
    private StateStore.Lease jobLease(String jobId) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return state.acquireLease(ReconcileStore.jobLeasePath(jobId), Duration.ofSeconds(60));
            } catch (LeaseUnavailableException busy) {
                Thread.sleep(200);
            }
        }
        return null;
    }

    private static RecordVerdict verdict(RecordState record) {
        // A record created without the manager it names is sent again by the next run too (delta marks it failed).
        boolean failed = record.outcome() == RecordOutcome.SERVICE_FAILED || record.outcome() == RecordOutcome.UNCONFIRMED
                || (record.outcome() == RecordOutcome.WARNING && record.errorCode() != null);
        return new RecordVerdict(record.externalId(), record.sentAt(), failed, record.outcome().label(),
                failed && record.errorCode() != null ? record.errorCode() : "");
    }

    private RecordState decide(RecordState record, OutcomeRules.Verdict verdict, List<String> changeIds, Instant now,
            boolean late) {
        String earlier = record.earlierAction() != null ? record.earlierAction() : verdict.achievedAction();
        String lateNote = late ? " Its provisioning-log entry appeared after the record had been reported"
                + " unconfirmed; this line is corrected." : "";
        boolean failed = verdict.outcome() == RecordOutcome.SERVICE_FAILED;
        // A failure or a reference the service skipped (warning) that a re-send can fix goes out again.
        boolean fixable = (failed || (verdict.outcome() == RecordOutcome.WARNING && verdict.errorCode() != null))
                && settings.resendable(verdict.errorCode(), verdict.errorCategory());
        if (fixable && record.attempt() < settings.maxAttempts() && !late) {
            return record.decidedBy(Status.RESEND, verdict.outcome(), verdict.detail(), verdict.errorCode(), changeIds,
                    earlier, now);
        }
        if (failed || fixable) {
            String last = fixable
                    ? " Sent " + record.attempt() + " time(s)" + (late ? "" : ", the limit (sync.reconcile.max-attempts)")
                      + "; not sent again."
                      + (ReconcileSettings.UNRESOLVED_REFERENCE.equals(verdict.errorCode())
                              ? " Make sure the manager's record is sent (and succeeds) through this job." : "")
                    : " Final: fix the record in the source data; the next extract sends it again.";
            return record.decidedBy(Status.FINAL, verdict.outcome(), verdict.detail() + last + lateNote,
                    verdict.errorCode(), changeIds, earlier, now);
        }
        RecordOutcome outcome = verdict.outcome();
        String detail = verdict.detail();
        if (record.attempt() > 1) {
            if ("create".equals(earlier) && (outcome == RecordOutcome.UPDATED || outcome == RecordOutcome.SKIPPED)) {
                outcome = RecordOutcome.CREATED;
                detail = "created in Entra ID; completed by re-send " + (record.attempt() - 1) + ": " + detail;
            } else {
                detail = detail + "; after " + (record.attempt() - 1) + " re-send(s)";
            }
        }
        return record.decidedBy(Status.FINAL, outcome, detail + lateNote, verdict.errorCode(), changeIds, earlier, now);
    }

    private String unconfirmed(String source, UploadSettings upload, GraphClient client, Iterable<LoadedRun> runs,
            Map<RecordOutcome, Long> decided, Instant now) throws InterruptedException {
        Map<String, JobStatus> statuses = new HashMap<>();
        String problem = "";
        CallStats jobStats = new CallStats();
        for (LoadedRun run : runs) {
            for (RecordState record : run.pending()) {
                if (record.sentAt().plus(settings.unconfirmedAfter()).isAfter(now)) {
                    continue;
                }
                String jobId = run.run.jobId();
                JobStatus status = statuses.get(jobId);
                if (status == null) {
                    status = JobStatus.read(client, targetFor(upload, jobId), mapper, jobStats);
                    statuses.put(jobId, status);
                    metrics.jobStopped(source, status.stopped());
                    if (status.stopped()) {
                        problem = status.describe(jobId);
                        LOG.errorf("SOURCE %s: RECORDS ARE NOT BEING PROCESSED: %s", source, problem);
                    }
                }
                String cause = status.describe(jobId);
                RecordState after = record.decided(Status.FINAL, RecordOutcome.UNCONFIRMED,
                        "no provisioning-log entry within " + human(settings.unconfirmedAfter()) + " of its send at "
                                + record.sentAt() + ": " + cause + ". It is not sent again automatically.",
                        null, null, record.earlierAction(), now);
                run.update(after);
                if (status.stopped()) {
                    run.cause = cause;
                }
                decided.merge(RecordOutcome.UNCONFIRMED, 1L, Long::sum);
                metrics.outcome(source, RecordOutcome.UNCONFIRMED, null);
            }
        }
        metrics.requests(source, "jobStatus", jobStats.attempts(), jobStats.throttled());
        return problem;
    }

    /**
     * A job last seen paused or in quarantine is looked at again on every pass, records waiting or not, so that the
     * {@code entrasync.job.stopped} alert clears once the job runs again (one GET per pass only while it is set).
     */
    private void recheckStoppedJob(String source, UploadSettings upload) throws InterruptedException {
        if (!metrics.jobLastSeenStopped(source)) {
            return;
        }
        CallStats stats = new CallStats();
        JobStatus status = JobStatus.read(graph.graph(upload), upload.target(), mapper, stats);
        if (status.error().isEmpty()) {
            metrics.jobStopped(source, status.stopped());
        }
        metrics.requests(source, "jobStatus", stats.attempts(), stats.throttled());
    }

    private static BulkUploadTarget targetFor(UploadSettings upload, String jobId) {
        BulkUploadTarget target = upload.target();
        return new BulkUploadTarget(target.graphUrl(), target.apiVersion(),
                target.servicePrincipalId(), jobId);
    }

    /** Completes the reports of runs that changed (or whose results.csv a resumed run rewrote); closes finished runs. */
    private int completeReports(String source, Iterable<LoadedRun> runs, Instant now) {
        List<LoadedRun> due = new ArrayList<>();
        for (LoadedRun run : runs) {
            boolean changed = run.state.version() != run.state.reportedVersion() || run.state.resultsEtag() == null
                    || !reports.resultsEtag(run.state).map(etag -> etag.equals(run.state.resultsEtag())).orElse(false);
            if (changed || (run.state.allFinal() && run.state.closedAt() == null)) {
                due.add(run);
            }
        }
        if (due.isEmpty()) {
            return 0;
        }
        int closed = 0;
        // The source's lease: never rewrite reports while an extract of this source is being processed.
        try (StateStore.Lease lease = state.acquireLease(source + "/lease", Duration.ofSeconds(30))) {
            for (LoadedRun run : due) {
                RunState current = run.state;
                boolean stale = current.version() != current.reportedVersion() || current.resultsEtag() == null
                        || !reports.resultsEtag(current).map(etag -> etag.equals(current.resultsEtag())).orElse(false);
                if (stale) {
                    Optional<String> etag = reports.complete(current, settings, now);
                    if (etag.isEmpty()) {
                        continue; // no results.csv yet
                    }
                    run.state = current.reported(etag.get());
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

    private void logSummary(RunState run, Instant now) {
        ObjectNode line = mapper.createObjectNode();
        line.put("event", SUMMARY_EVENT);
        line.put("source", run.run().source());
        line.put("runId", run.run().runId());
        line.put("report", run.run().reportFolder() + ".report.json");
        line.put("jobId", run.run().jobId());
        line.put("records", run.records().size());
        ObjectNode outcomes = line.putObject("outcomes");
        run.outcomes().forEach((outcome, count) -> outcomes.put(outcome.label(), count));
        line.put("resent", run.resent());
        line.put("logRequests", run.logCalls());
        Instant firstSend = run.records().values().stream().map(RecordState::sentAt).min(Comparator.naturalOrder())
                .orElse(now);
        line.put("firstSentAt", firstSend.toString());
        line.put("reconciledAt", now.toString());
        if (!run.cause().isEmpty()) {
            line.put("cause", run.cause());
        }
        LOG.info(line.toString());
    }

    private long quotaLeft(UploadSettings upload) {
        try {
            return graph.quota(upload).usage().remaining();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private LoadedRun load(LedgerRun run) {
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

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    private record Pending(LoadedRun run, RecordState record, boolean foreign) {
    }

    /** The open runs that other configured sources sent through {@code jobId} (read only, never saved here). */
    private List<LoadedRun> otherSourcesRuns(String source, String jobId) {
        List<LoadedRun> others = new ArrayList<>();
        for (String other : sources.names()) {
            if (other.equals(source) || sources.settings(other).map(s -> !jobId.equals(s.target().jobId()))
                    .orElse(true)) {
                continue;
            }
            ledger.openRuns(other).stream().filter(run -> jobId.equals(run.jobId())).forEach(run -> others.add(load(run)));
        }
        return others;
    }
}
