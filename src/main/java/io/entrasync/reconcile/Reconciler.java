package io.entrasync.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.graph.CallStats;
import io.entrasync.graph.GraphClient;
import io.entrasync.ledger.Ledger;
import io.entrasync.ledger.LedgerRun;
import io.entrasync.reconcile.RecordState.Status;
import io.entrasync.report.RecordOutcome;
import io.entrasync.state.LeasePaths;
import io.entrasync.state.LeaseUnavailableException;
import io.entrasync.state.StateStore;
import io.entrasync.trail.TrailLog;
import io.entrasync.trail.TrailSettings;
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
 * {@link #pass} runs these as four steps: matching ({@link LogMatcher}: items 2 and 3), time-outs (4), re-sends
 * ({@link Resender}: 5) and closing ({@link RunCloser}: 6), under the source's reconcile lease.
 */
public final class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    /** Log line prefix of the per-run summary, for Application Insights queries. */
    public static final String SUMMARY_EVENT = "EntraInboundSyncRunReconciled";

    private final StateStore state;
    private final Ledger ledger;
    private final ReconcileStore store;
    private final ReconcileSources sources;
    private final GraphAccess graph;
    private final RunLoader loader;
    private final RunCloser closer;
    private final ObjectMapper mapper;
    private final ReconcileSettings settings;
    private final ReconcileMetrics metrics;
    private final Resender resender;
    private final Clock clock;
    private final BlobContainerClient processed;
    private final TrailLog trail;

    /**
     * Where reconciliation keeps what it knows and completes the reports.
     *
     * @param state the state store (ledger, reconcile state, leases, trails)
     * @param processed the processed container, beside each run's results.csv and report.json
     * @param trail how each person's trail is kept; its compaction runs after each pass
     */
    public record Storage(StateStore state, BlobContainerClient processed, TrailSettings trail) {

        /** With the trail's default settings ({@code sync.trail.*}: 400 days, 14 segments). */
        public Storage(StateStore state, BlobContainerClient processed) {
            this(state, processed, TrailSettings.DEFAULT);
        }
    }

    public Reconciler(Storage storage, ReconcileSources sources, GraphAccess graph, ObjectMapper mapper,
            ReconcileSettings settings, ReconcileMetrics metrics, Clock clock) {
        StateStore state = storage.state();
        BlobContainerClient processed = storage.processed();
        this.state = state;
        this.ledger = new Ledger(state, mapper);
        this.store = new ReconcileStore(state, mapper);
        this.sources = sources;
        this.graph = graph;
        this.loader = new RunLoader(ledger, store, sources);
        this.trail = new TrailLog(state, mapper, clock, storage.trail());
        this.closer = new RunCloser(state, ledger, store, new ReportCompleter(processed, mapper, trail), settings,
                mapper);
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
        return create(new Storage(state, processed), engines, mapper, settings, sources);
    }

    /** As above, over a storage with the trail's settings of the caller's choosing. */
    public static Reconciler create(Storage storage, UploadEngines engines, ObjectMapper mapper,
            ReconcileSettings settings, UploadSettings... sources) {
        return new Reconciler(storage, ReconcileSources.of(sources), GraphAccess.of(engines), mapper, settings,
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

    /** One pass over one source, then the compaction of its trail when due (outside any run's time). */
    public PassResult reconcile(String source) throws InterruptedException {
        try {
            return passOnce(source);
        } finally {
            trail.compactIfDue(source);
        }
    }

    private PassResult passOnce(String source) throws InterruptedException {
        UploadSettings upload = sources.settings(source).orElseThrow(() -> new IllegalArgumentException(
                "No source named '" + source + "' is configured (configured: " + sources.names() + ")"));
        List<LedgerRun> open = ledger.openRuns(source);
        metrics.quotaLeft(source, quotaLeft(upload));
        recheckStoppedJob(source, upload);
        if (open.isEmpty() && store.watermarks(source).late().isEmpty()) {
            metrics.open(source, 0);
            return PassResult.idle(source, false);
        }
        try (StateStore.Lease lease = state.acquireLease(LeasePaths.reconcile(source), Duration.ofSeconds(60))) {
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

    /** The pass's four steps: match log entries, time out unconfirmed records, re-send, save and close runs. */
    private PassResult pass(String source, UploadSettings upload, List<LedgerRun> openRuns)
            throws InterruptedException {
        PassContext pass = new PassContext(source, upload, clock.instant(), store.watermarks(source));
        Map<String, LoadedRun> runs = new LinkedHashMap<>();
        for (LedgerRun run : openRuns) {
            runs.put(run.runId(), loader.load(run));
        }
        int lateRuns = loader.loadLateRuns(pass, runs);
        GraphClient client = graph.graph(upload);

        long entries = matchLogEntries(pass, client, runs.values());
        String cause = timeOutUnconfirmed(pass, client, runs.values());
        long resent = resender.resend(source, upload, runs, pass.decided, pass.now, () -> store.lastRuns(source, 50));
        int closed = closer.saveAndClose(pass, runs.values(), runs.isEmpty() ? 0 : pass.logStats.attempts());

        store.save(source, pass.watermarks);
        long stillOpen = runs.values().stream().mapToLong(run -> run.state.open()).sum();
        metrics.open(source, stillOpen);
        return new PassResult(source, false, runs.size() - lateRuns, lateRuns, closed, pass.logStats.attempts(),
                entries, pass.logStats.throttled(), pass.decided, resent, stillOpen, cause);
    }

    /**
     * Step 1: reads the logs once per job that has records waiting, and matches entries to sends.
     *
     * @return the entries read
     */
    private long matchLogEntries(PassContext pass, GraphClient client, Collection<LoadedRun> runs)
            throws InterruptedException {
        Map<String, List<LoadedRun>> byJob = new LinkedHashMap<>();
        runs.stream().filter(LoadedRun::hasWaiting)
                .forEach(run -> byJob.computeIfAbsent(run.run.jobId(), job -> new ArrayList<>()).add(run));
        SlidingWindowPacer reportsPacer = SharedPacers.forKey("reports-" + pass.upload.sharingKey(),
                settings.reportsPacing());
        ProvisioningLogReader reader = new ProvisioningLogReader(client, () -> reportsPacer.acquire()::close, mapper);
        LogMatcher matcher = new LogMatcher(settings, metrics, clock, pass, reader, runs);
        long entries = 0;
        for (Map.Entry<String, List<LoadedRun>> job : byJob.entrySet()) {
            // Entries are claimed per job: every source feeding this job sees the same claims, under the job's lease.
            try (StateStore.Lease jobLease = jobLease(job.getKey())) {
                if (jobLease == null) {
                    LOG.infof("Source %s: another source is matching entries of job %s; its records wait for the next"
                            + " pass", pass.source, job.getKey());
                    continue;
                }
                ReconcileStore.JobClaims claims = store.jobClaims(job.getKey());
                entries += matcher.match(job.getKey(), job.getValue(), loader.otherSourcesRuns(pass.source,
                        job.getKey()),
                        claims);
                claims.pruneBefore(pass.now.minus(settings.unconfirmedAfter()).minus(settings.clockSkew())
                        .minus(settings.overlap()));
                store.save(job.getKey(), claims);
            }
        }
        pass.watermarks.pruneClaims(pass.now.minus(settings.unconfirmedAfter()).minus(settings.clockSkew()));
        store.save(pass.source, pass.watermarks);
        metrics.requests(pass.source, "provisioningLogs", pass.logStats.attempts(), pass.logStats.throttled());
        return entries;
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

    /**
     * Step 2: records without an entry for {@code unconfirmed-after} become unconfirmed, with the job's status as the
     * cause.
     *
     * @return the stopped job's problem, the cause of this pass's unconfirmed records; empty when the job runs
     */
    private String timeOutUnconfirmed(PassContext pass, GraphClient client, Iterable<LoadedRun> runs)
            throws InterruptedException {
        Map<String, JobStatus> statuses = new HashMap<>();
        String problem = "";
        CallStats jobStats = new CallStats();
        for (LoadedRun run : runs) {
            for (RecordState record : run.pending()) {
                if (record.sentAt().plus(settings.unconfirmedAfter()).isAfter(pass.now)) {
                    continue;
                }
                String jobId = run.run.jobId();
                JobStatus status = statuses.get(jobId);
                if (status == null) {
                    status = JobStatus.read(client, targetFor(pass.upload, jobId), mapper, jobStats);
                    statuses.put(jobId, status);
                    metrics.jobStopped(pass.source, status.stopped());
                    if (status.stopped()) {
                        problem = status.describe(jobId);
                        LOG.errorf("SOURCE %s: RECORDS ARE NOT BEING PROCESSED: %s", pass.source, problem);
                    }
                }
                String cause = status.describe(jobId);
                RecordState after = record.decided(Status.FINAL, RecordOutcome.UNCONFIRMED,
                        "no provisioning-log entry within " + human(settings.unconfirmedAfter()) + " of its send at "
                                + record.sentAt() + ": " + cause + ". It is not sent again automatically.",
                        null, null, record.earlierAction(), pass.now);
                run.update(after);
                if (status.stopped()) {
                    run.cause = cause;
                }
                pass.decided(RecordOutcome.UNCONFIRMED);
                metrics.outcome(pass.source, RecordOutcome.UNCONFIRMED, null);
            }
        }
        metrics.requests(pass.source, "jobStatus", jobStats.attempts(), jobStats.throttled());
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

    private long quotaLeft(UploadSettings upload) {
        try {
            return graph.quota(upload).usage().remaining();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
