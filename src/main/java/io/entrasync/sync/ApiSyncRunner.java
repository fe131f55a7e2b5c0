package io.entrasync.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.run.DropZone;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.FileRunState;
import io.entrasync.run.FileRunStore;
import io.entrasync.run.InboundFile;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.run.RunWiring;
import io.entrasync.run.SchemaPreflight;
import io.entrasync.run.SourceCatalog;
import io.entrasync.run.SourceDefinition;
import io.entrasync.source.ExtractFormat;
import io.entrasync.source.rest.ApiRead;
import io.entrasync.source.rest.ApiSourceException;
import io.entrasync.source.rest.RestSource;
import io.entrasync.state.StateStore;
import io.entrasync.sync.ApiSyncResult.Outcome;
import io.entrasync.sync.references.ReadReferences;
import io.entrasync.sync.references.ReferenceIndexStore;
import io.entrasync.upload.UploadEngines;

/**
 * One sync of an HR API source, through the same run machinery as a dropped file: read the API from the stored
 * watermark, spool the entries to a file, put the spool into the spool container as
 * {@code <source>/api-full-<time>.jsonl} (a read without watermark: every record) or {@code api-delta-<time>.jsonl}
 * (only the changes), and process it with an {@link InboundFileProcessor} over that container (mapping, validation,
 * upload, checkpoints,
 * {@code results.csv} and {@code report.json} in the processed container, exactly as for files).
 *
 * <p>The watermark ({@code <source>/watermark.json}) moves only when the spool's run <em>completed</em>: every entry
 * has its outcome. Until then the spool is <em>pending</em> and the next sync resumes it before reading anything new,
 * so a crash, a quota deferral or an unreachable service never lets the watermark pass data that was not accepted.
 * The pending spool is recorded before it is uploaded, so no spool is ever orphaned.
 */
public final class ApiSyncRunner {

    private static final Logger LOG = Logger.getLogger(ApiSyncRunner.class);
    private static final DateTimeFormatter SPOOL_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * @param leaseDuration the sync lease's duration (15 to 60 s; renewed while the sync lasts)
     * @param leaseWait how long a sync waits for another sync of the same source
     * @param leasePoll how often it tries again while waiting
     */
    public record Settings(Duration leaseDuration, Duration leaseWait, Duration leasePoll) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(30), Duration.ofMinutes(2),
                Duration.ofSeconds(2));
    }

    /**
     * What a runner works with.
     *
     * @param spool a drop zone whose "inbound" is the spool container (never the blob trigger's container)
     */
    public record Parts(ApiSources apis, SourceCatalog sources, DropZone spool, StateStore state,
            UploadEngines engines, ObjectMapper mapper) {
    }

    private final ApiSources apis;
    private final SourceCatalog sources;
    private final DropZone spool;
    private final InboundFileProcessor processor;
    private final FileRunStore runs;
    private final SyncStateStore states;
    private final ReferenceIndexStore references;
    private final StateStore state;
    private final Settings settings;
    private final Clock clock;

    private ApiSyncRunner(Parts parts, InboundFileProcessor processor, Settings settings, Clock clock) {
        this.apis = parts.apis();
        this.sources = parts.sources();
        this.spool = parts.spool();
        this.processor = processor;
        this.runs = new FileRunStore(parts.state(), parts.mapper());
        this.states = new SyncStateStore(parts.state(), parts.mapper());
        this.references = new ReferenceIndexStore(parts.state());
        this.state = parts.state();
        this.settings = settings;
        this.clock = clock;
    }

    /** The runner over explicit parts; the app's wiring and the tests build theirs with this. */
    public static ApiSyncRunner create(Parts parts, InboundFileProcessor.Settings processing, Settings settings) {
        return create(parts, processing, settings, Clock.systemUTC(), SchemaPreflight.NONE);
    }

    /**
     * As {@link #create(Parts, InboundFileProcessor.Settings, Settings)}, with the clock of the watermark's and the
     * circuit's times and the schema check at the start of each spool's run.
     */
    public static ApiSyncRunner create(Parts parts, InboundFileProcessor.Settings processing, Settings settings,
            Clock clock, SchemaPreflight schemaPreflight) {
        InboundFileProcessor processor = RunWiring.create(parts.spool(), parts.state(), parts.sources(),
                parts.engines(), parts.mapper(), processing, schemaPreflight);
        return new ApiSyncRunner(parts, processor, settings, clock);
    }

    /** Names of the sources configured with {@code sync.sources.<name>.api.*}. */
    public Set<String> sourceNames() {
        return new TreeSet<>(apis.names());
    }

    /**
     * The HR API line of {@code status}: reading normally, or failing and when it is tried next. Empty when
     * {@code name} is not an API source.
     */
    public Optional<String> circuitStatus(String name) {
        if (!apis.names().contains(name)) {
            return Optional.empty();
        }
        try {
            return apis.source(name).map(api -> SourceCircuit.describe(states.load(name).state(),
                    api.settings().circuit(), clock.instant()));
        } catch (IllegalArgumentException unusable) {
            return Optional.of("HR API: not read, its settings are unusable: " + unusable.getMessage());
        }
    }

    /**
     * The first {@code count} records of a full read of {@code name}, flattened and mapped, for a person to see
     * before mapping: sends nothing and writes no state.
     *
     * @throws IllegalArgumentException naming the key when the source or its mapping is not configured
     */
    public ApiSampler.Sample sample(String name, int count) {
        return new ApiSampler(apis, sources, references, clock).sample(name, count);
    }

    /** One sync of every API source, one after the other; a source that fails does not stop the others. */
    public List<ApiSyncResult> syncAll() {
        List<ApiSyncResult> results = new ArrayList<>();
        for (String name : sourceNames()) {
            try {
                results.add(sync(name, false));
            } catch (RuntimeException e) {
                LOG.errorf(e, "source '%s': the sync stopped; a pending spool is resumed by the next sync", name);
                results.add(new ApiSyncResult(name, Outcome.RETRY_LATER, "the sync stopped: " + e.getMessage()
                        + "; the next sync resumes where it stopped", Optional.empty(), Optional.empty(), List.of()));
            }
        }
        return results;
    }

    /**
     * Syncs one source: first the pending spool of an earlier sync, if any; then what changed since the watermark.
     *
     * @param full read everything, ignoring the stored watermark (it still moves when the run completes)
     * @throws IllegalArgumentException when {@code name} is not an API source
     */
    public ApiSyncResult sync(String name, boolean full) {
        RestSource api = apis.source(name).orElseThrow(() -> new IllegalArgumentException("No API source named '"
                + name + "' is configured (API sources: " + sourceNames() + "). Configure sync.sources." + name
                + ".api.* (see docs/hr-api-sources.md)."));
        Optional<String> unusable = checkDefinition(name);
        if (unusable.isPresent()) {
            LOG.errorf("source '%s': %s", name, unusable.get());
            return new ApiSyncResult(name, Outcome.FAILED, unusable.get(), Optional.empty(), Optional.empty(),
                    List.of());
        }
        Optional<StateStore.Lease> lease = SyncLease.acquire(state, name, settings, clock);
        if (lease.isEmpty()) {
            String message = "another sync of this source is still running (waited " + settings.leaseWait()
                    + "); this one is skipped";
            LOG.warnf("source '%s': %s", name, message);
            return new ApiSyncResult(name, Outcome.BUSY, message, Optional.empty(), Optional.empty(), List.of());
        }
        try (StateStore.Lease held = lease.get()) {
            return new Sync(name, api, full).run();
        }
    }

    private Optional<String> checkDefinition(String name) {
        try {
            Optional<SourceDefinition> definition = sources.find(name);
            if (definition.isEmpty()) {
                return Optional.of("no mapping is configured for it; set sync.sources." + name + ".mapping");
            }
            apis.references(name);
            ExtractFormat format = definition.get().extractOptions().format();
            if (format != null && format != ExtractFormat.JSONL) {
                return Optional.of("sync.sources." + name + ".extract.format is "
                        + format.name().toLowerCase(Locale.ROOT)
                        + ", but an API source is read from its spool (JSON lines); remove that key");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The state of one sync while it runs. */
    private final class Sync {
        private final String name;
        private final RestSource api;
        private final boolean full;
        private final List<FileRunResult> done = new ArrayList<>();
        private SyncStateStore.Tracked tracked;
        private Optional<String> before;

        Sync(String name, RestSource api, boolean full) {
            this.name = name;
            this.api = api;
            this.full = full;
        }

        ApiSyncResult run() {
            tracked = states.load(name);
            before = Optional.ofNullable(tracked.state().watermark());
            SyncState.Pending pending = tracked.state().pending();
            if (pending != null) {
                LOG.infof("source '%s': resuming the pending spool %s (read %s) before reading anything new", name,
                        pending.blobName(), pending.spooledAt());
                Optional<ApiSyncResult> stop = settle(pending, processor.process(pending.blobName()));
                if (stop.isPresent()) {
                    return stop.get();
                }
            }
            return readAndRun();
        }

        private ApiSyncResult readAndRun() {
            Optional<Instant> paused = SourceCircuit.closedUntil(tracked.state(), clock.instant());
            if (paused.isPresent()) {
                SyncState.Circuit circuit = tracked.state().circuit();
                String message = "the HR API failed " + circuit.failedReads() + " reads in a row, so it is not read "
                        + "until " + paused.get() + " (last failure " + circuit.lastFailureAt() + ": "
                        + circuit.lastError() + ")" + (done.isEmpty() ? "" : "; resumed " + describe(done.get(0)));
                LOG.warnf("source '%s': %s", name, message);
                return result(Outcome.PAUSED, message);
            }
            Optional<String> since = full ? Optional.empty() : Optional.ofNullable(tracked.state().watermark());
            Path local = tempFile();
            try {
                ApiSpooler.Spooled spooled;
                try (ApiRead read = api.read(since)) {
                    spooled = ApiSpooler.spool(read, local, new ReadReferences(name, apis.references(name),
                            references), since.isEmpty(), sources.find(name).orElseThrow());
                } catch (ApiSourceException | IllegalArgumentException e) {
                    String error = api.settings().auth().scrubber().scrub(e.getMessage());
                    LOG.errorf("source '%s': the read failed: %s", name, error);
                    tracked = states.save(tracked, SourceCircuit.failed(tracked.state(), api.settings(),
                            error, clock.instant()));
                    String pause = SourceCircuit.closedUntil(tracked.state(), clock.instant())
                            .map(until -> " After " + tracked.state().circuit().failedReads() + " failed reads in a "
                                    + "row the source is not read again until " + until + ".")
                            .orElse("");
                    return result(Outcome.READ_FAILED, error + " Nothing of this read was sent; the "
                            + "watermark stays, so the next sync asks for the same changes again." + pause);
                }
                if (tracked.state().circuit() != null) {
                    LOG.infof("source '%s': the HR API answered again after %d failed read(s)", name,
                            tracked.state().circuit().failedReads());
                    tracked = states.save(tracked, SourceCircuit.succeeded(tracked.state()));
                }
                if (spooled.entries() == 0) {
                    tracked = states.save(tracked, tracked.state().advancedWithoutRun(
                            spooled.nextWatermark().orElse(null), clock.instant()));
                    LOG.infof("source '%s': no changes (%d page(s))", name, spooled.pages());
                    String none = "the API reported no " + (full ? "records" : "changes");
                    return done.isEmpty() ? result(Outcome.NOTHING_CHANGED, none)
                            : result(Outcome.COMPLETED, "resumed " + describe(done.get(0)) + "; then " + none);
                }
                Instant now = clock.instant();
                // A read without a watermark holds every record of the source; one with a watermark only the changes.
                // The name says which, so that later stages (leavers from a snapshot) can tell a delta from a whole.
                boolean complete = since.isEmpty();
                String blobName = name + "/api-" + (complete ? "full-" : "delta-") + SPOOL_TIME.format(now) + ".jsonl";
                SyncState.Pending pending = new SyncState.Pending(blobName, spooled.sha256(),
                        spooled.nextWatermark().orElse(null), complete, now, spooled.entries());
                tracked = states.save(tracked, tracked.state().withPending(pending));
                spool.inbound().getBlobClient(pending.blobName()).uploadFromFile(local.toString(), true);
                LOG.infof("source '%s': %d entries (%d malformed, %d naming an unknown record) from %d page(s) "
                        + "spooled as %s/%s", name, spooled.entries(), spooled.malformed(), spooled.unresolved(),
                        spooled.pages(), spool.inbound().getBlobContainerName(), pending.blobName());
                return settle(pending, processor.process(pending.blobName()))
                        .orElseGet(() -> result(Outcome.COMPLETED, describe(done.get(done.size() - 1))));
            } finally {
                deleteQuietly(local);
            }
        }

        /** Moves the watermark if the spool's run completed; else says why the sync stops here. */
        private Optional<ApiSyncResult> settle(SyncState.Pending pending, FileRunResult run) {
            done.add(run);
            Optional<FileRunState> runState = runState(pending);
            boolean completed = switch (run.outcome()) {
                case PROCESSED, DUPLICATE -> true;
                // The spool left the container: completed if its run says so (a crash between its completion and the
                // watermark's save), else its fate is unknown and the same changes are read again.
                case GONE -> runState.map(r -> r.status() == FileRunState.Status.COMPLETED).orElse(false);
                default -> false;
            };
            if (completed) {
                String runId = runState.map(FileRunState::runId).orElse("");
                tracked = states.save(tracked, tracked.state().completed(runId, clock.instant()));
                references.waiting().confirmSent(name);
                LOG.infof("source '%s': run %s of %s completed; watermark %s", name, runId, pending.blobName(),
                        tracked.state().watermark());
                return Optional.empty();
            }
            return switch (run.outcome()) {
                case GONE -> {
                    tracked = states.save(tracked, tracked.state().abandoned());
                    LOG.warnf("source '%s': the pending spool %s is gone without a completed run; the same changes "
                            + "are read again", name, pending.blobName());
                    yield Optional.empty();
                }
                case DEFERRED -> Optional.of(result(Outcome.DEFERRED, run.message() + "; the spool "
                        + pending.blobName() + " is resumed first by the next sync, and the watermark stays until "
                        + "it completed"));
                case HELD -> Optional.of(result(Outcome.HELD, run.message() + "; the spool " + pending.blobName()
                        + " waits for approval (approve --source " + name + " --run <runId>) and is resumed first by"
                        + " the next sync; the watermark stays until it completed"));
                case RETRY_LATER -> Optional.of(result(Outcome.RETRY_LATER, run.message() + "; the spool "
                        + pending.blobName() + " is resumed first by the next sync"));
                default -> {
                    tracked = states.save(tracked, tracked.state().abandoned());
                    yield Optional.of(result(Outcome.FAILED, run.message() + " The spool is in the failed "
                            + "container; the watermark stays, so the next sync reads these changes again."));
                }
            };
        }

        private Optional<FileRunState> runState(SyncState.Pending pending) {
            return InboundFile.parse(pending.blobName())
                    .flatMap(file -> runs.load(file, pending.contentSha256()))
                    .map(FileRunStore.Tracked::run);
        }

        private ApiSyncResult result(Outcome outcome, String message) {
            return new ApiSyncResult(name, outcome, message, before,
                    Optional.ofNullable(tracked.state().watermark()), done);
        }
    }

    private static String describe(FileRunResult run) {
        return run.report().map(report -> report.records().read() + " records read, " + report.records().rejected()
                        + " rejected, " + report.records().accepted() + " accepted, " + report.records().failed()
                        + " failed")
                .orElse(run.message()) + run.reportName().map(r -> "; report: processed/" + r).orElse("");
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("api-spool-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException("No room for the spool of an API read: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warnf("Could not delete temporary file %s: %s", path, e.getMessage());
        }
    }
}
