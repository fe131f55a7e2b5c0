package io.entrasync.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the Microsoft Graph API-driven inbound provisioning service (bulkUpload, provisioning logs,
 * the job, token endpoints), on 127.0.0.1 only. Plain Java: usable from any JUnit test without Quarkus.
 *
 * <pre>{@code
 * try (ProvisioningEmulator emu = ProvisioningEmulator.start(EmulatorSettings.fast())) {
 *     String url = emu.bulkUploadUrl(emu.defaultJob());      // POST SCIM here with any bearer token
 *     ...
 *     emu.awaitIdle(Duration.ofSeconds(5));                    // every accepted upload processed
 *     assertThat(emu.user("701984")).isPresent();
 *     emu.updateSettings(s -> s.withFaults(1, 0, 0, 0));       // every next call answers 429
 * }
 * }</pre>
 */
public final class ProvisioningEmulator implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ProvisioningEmulator.class.getName());

    final ObjectMapper mapper = new ObjectMapper();
    final Clock clock = Clock.systemUTC();
    final Directory directory = new Directory();
    final ProvisioningLog log = new ProvisioningLog();
    final StatsCounter stats = new StatsCounter();
    final TokenIssuer tokens = new TokenIssuer();
    final SlidingWindowLimiter tenantQuota = new SlidingWindowLimiter();
    /** The bulkUpload call window, shared by every job of the tenant (the strict reading, see GraphEndpoints). */
    final SlidingWindowLimiter tenantCallWindow = new SlidingWindowLimiter();
    final SlidingWindowLimiter reportsWindow = new SlidingWindowLimiter();
    final CallArrivals arrivals = new CallArrivals();
    final BulkRequestParser parser = new BulkRequestParser(mapper);
    private final UploadProcessor processor = new UploadProcessor(mapper, directory, log, stats);
    private final AtomicReference<EmulatorSettings> settings;
    private final Map<String, JobState> jobsById = new LinkedHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    /** Calls to {@code GET /users} (the directory check's lookups), answered or refused. */
    final AtomicInteger usersQueries = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final ScheduledExecutorService processing;

    private ProvisioningEmulator(EmulatorSettings initial) throws IOException {
        this.settings = new AtomicReference<>(initial);
        for (JobRef job : initial.effectiveJobs()) {
            if (jobsById.putIfAbsent(job.jobId(), new JobState(job, mapper)) != null) {
                throw new IllegalArgumentException("Job id " + job.jobId() + " is configured twice");
            }
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), initial.port()), 50);
        // Enough threads for every call a client keeps in flight while its answer is held (network latency).
        this.httpThreads = Executors.newFixedThreadPool(64, threads("emulator-http"));
        this.processing = Executors.newSingleThreadScheduledExecutor(threads("emulator-processing"));
        server.setExecutor(httpThreads);
        server.createContext("/", new EmulatorRouter(this));
        server.start();
    }

    /** Starts an emulator; {@code settings.port()} 0 picks a free port (see {@link #baseUrl()}). */
    public static ProvisioningEmulator start(EmulatorSettings settings) {
        try {
            return new ProvisioningEmulator(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the provisioning emulator on 127.0.0.1:" + settings.port(),
                    e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the Graph base URL (append {@code /beta/...}) and the login authority host. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public JobRef defaultJob() {
        return jobs().get(0);
    }

    public List<JobRef> jobs() {
        return jobsById.values().stream().map(j -> j.ref).toList();
    }

    /** {@code <baseUrl>/beta/servicePrincipals/<sp>/synchronization/jobs/<jobId>/bulkUpload}. */
    public String bulkUploadUrl(JobRef job) {
        return baseUrl() + "/beta/servicePrincipals/" + job.servicePrincipalId() + "/synchronization/jobs/"
                + job.jobId() + "/bulkUpload";
    }

    /** {@code <baseUrl>/<tenantId>/oauth2/v2.0/token}: the client-credentials endpoint. */
    public String tokenEndpoint() {
        return baseUrl() + "/" + settings().tenantId() + "/oauth2/v2.0/token";
    }

    /**
     * The value for {@code IDENTITY_ENDPOINT} (App Service / Functions managed identity protocol, api-version
     * 2019-08-01).
     */
    public String identityEndpoint() {
        return baseUrl() + "/msi/token";
    }

    /** The value for {@code IDENTITY_HEADER}. */
    public String identityHeader() {
        return settings().identityHeader();
    }

    /** Issues a token directly (as if fetched from a token endpoint); valid for {@code tokenLifetime}. */
    public String issueToken() {
        return tokens.issue(clock.instant(), settings().tokenLifetime(), "https://graph.microsoft.com").accessToken();
    }

    public EmulatorSettings settings() {
        return settings.get();
    }

    /**
     * Changes settings of the running emulator; applies from the next request. {@code port}, {@code jobs} and
     * {@code tenantId} cannot change at runtime.
     */
    public EmulatorSettings updateSettings(UnaryOperator<EmulatorSettings> change) {
        return settings.updateAndGet(current -> {
            EmulatorSettings next = change.apply(current);
            if (next.port() != current.port() || !next.effectiveJobs().equals(current.effectiveJobs())
                    || !next.tenantId().equals(current.tenantId())) {
                throw new IllegalArgumentException("port, jobs and tenantId are read at start-up only");
            }
            return next;
        });
    }

    /** Puts the job in (or out of) quarantine: accepted uploads are staged, not processed, until it is lifted. */
    public void setQuarantined(JobRef job, boolean quarantined) {
        JobState state = job(job.jobId()).orElseThrow(() -> new IllegalArgumentException("Unknown job " + job));
        state.setQuarantined(quarantined, clock.instant());
        if (!quarantined) {
            processStaged(state);
        }
    }

    public boolean isQuarantined(JobRef job) {
        return job(job.jobId()).map(JobState::quarantined).orElse(false);
    }

    public EmulatorStats stats() {
        return stats.snapshot(directory.size(), pendingUploads());
    }

    /** When the service counted each bulkUpload call of the tenant (all jobs), and how many answers were lost. */
    public CallArrivals.Snapshot bulkUploadArrivals() {
        return arrivals.snapshot();
    }

    /** The user whose externalId (employeeId) is given, as processed so far. */
    public Optional<UserView> user(String externalId) {
        return directory.view(externalId);
    }

    public List<UserView> users() {
        return directory.views();
    }

    /** Every log entry written so far, oldest first, including those not visible through the API yet. */
    public List<LogEntry> logEntries() {
        return log.all();
    }

    /** The entries {@code GET /auditLogs/provisioning} would list now (visible after the log delay), oldest first. */
    public List<LogEntry> visibleLogEntries() {
        Instant now = clock.instant();
        return log.all().stream().filter(e -> !e.visibleAt().isAfter(now)).toList();
    }

    /** Uploads accepted but not processed yet, including those staged in a quarantined job. */
    public int pendingUploads() {
        return jobsById.values().stream().mapToInt(JobState::pending).sum();
    }

    /**
     * Waits until every accepted upload has been processed (uploads staged in a quarantined job do not count).
     *
     * @throws TimeoutException naming how many are still waiting
     */
    public void awaitIdle(Duration timeout) throws TimeoutException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (jobsById.values().stream().mapToInt(JobState::inFlight).sum() > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException(pendingUploads() + " uploads still waiting after " + timeout);
            }
            Thread.sleep(5);
        }
        // The last upload may still be inside process(): take the processing thread's turn once.
        try {
            processing.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets users, log entries, stats, tokens, limits and quarantine; settings stay. */
    public void reset() {
        synchronized (directory) {
            directory.clear();
            log.clear();
        }
        stats.clear();
        tokens.clear();
        tenantQuota.clear();
        tenantCallWindow.clear();
        reportsWindow.clear();
        arrivals.clear();
        jobsById.values().forEach(JobState::reset);
        revoked.clear();
        usersQueries.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        httpThreads.shutdownNow();
        processing.shutdownNow();
    }

    // ---- used by the endpoints ----

    Optional<JobState> job(String jobId) {
        return Optional.ofNullable(jobsById.get(jobId));
    }

    ObjectNode settingsJson() {
        return SettingsJson.toJson(mapper, settings());
    }

    void accept(JobState job, BulkUpload upload) {
        job.accepted();
        long delay = settings().processingDelay().toMillis();
        // processNow logs its own failures: nothing waits on this future
        Future<?> unused = processing.schedule(() -> {
            if (job.startProcessing(upload)) {
                processNow(job, upload);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * {@code POST .../restart}: the job runs again (a paused job too) and processes what was staged meanwhile.
     * {@code QuarantineState} (and {@code Full}) lifts the quarantine; {@code Full} also forgets what the job
     * processed, so manager references resolve only against users sent again after it. Escrows, Watermark and
     * ForceDeletes have nothing to clear here.
     */
    void restart(JobState job, Set<String> scopes) {
        if (scopes.contains("QuarantineState") || scopes.contains("Full")) {
            job.setQuarantined(false, clock.instant());
        }
        if (scopes.contains("Full")) {
            job.forgetProcessed();
        }
        job.setPaused(false);
        processStaged(job);
    }

    /** {@code POST .../start}: a paused job continues; a quarantined one has its quarantine cleared. */
    void start(JobState job) {
        job.setQuarantined(false, clock.instant());
        job.setPaused(false);
        processStaged(job);
    }

    /** Pauses (or un-pauses) the job, as {@code POST .../pause} / {@code start} do. */
    public void setPaused(JobRef job, boolean paused) {
        JobState state = job(job.jobId()).orElseThrow(() -> new IllegalArgumentException("Unknown job " + job));
        if (paused) {
            state.setPaused(true);
        } else {
            start(state);
        }
    }

    public boolean isPaused(JobRef job) {
        return job(job.jobId()).map(JobState::paused).orElse(false);
    }

    /** The job's synchronizationSchema as {@code GET .../schema} returns it (a copy). */
    public ObjectNode schema(JobRef job) {
        return job(job.jobId()).orElseThrow(() -> new IllegalArgumentException("Unknown job " + job)).schema.get();
    }

    /**
     * Adds an account that no provisioning made (a cloud-only user created in the portal): it has no employeeId, holds
     * its userPrincipalName and mail, and {@code GET /users} finds it. {@link #reset()} removes it.
     */
    public void addCloudOnlyUser(String userPrincipalName, String mail) {
        directory.addCloudOnly(userPrincipalName, mail);
    }

    /** Calls to {@code GET /users} since the start or the last {@link #reset()}. */
    public int usersQueries() {
        return usersQueries.get();
    }

    /**
     * Takes an application permission away from the caller (every token), as if it had not been granted:
     * the endpoints that need it answer {@code 403 Authorization_RequestDenied}. {@link #reset()} grants it back.
     */
    public void revokePermission(String permission) {
        revoked.add(permission);
    }

    boolean revoked(String permission) {
        return revoked.contains(permission);
    }

    private void processStaged(JobState job) {
        for (BulkUpload upload : job.takeStaged()) {
            job.accepted();
            processing.execute(() -> {
                if (job.startProcessing(upload)) {
                    processNow(job, upload);
                }
            });
        }
    }

    private void processNow(JobState job, BulkUpload upload) {
        try {
            EmulatorSettings s = settings();
            processor.process(job, upload, s, clock.instant(), s.tenantId());
            job.imported(upload.operations().size());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The emulator failed to process an upload for job " + job.ref.jobId(), e);
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
