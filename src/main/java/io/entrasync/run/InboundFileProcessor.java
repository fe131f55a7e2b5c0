package io.entrasync.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.entrasync.delta.DueRecords;
import io.entrasync.run.FileRunResult.Outcome;
import io.entrasync.run.FileRunState.Status;
import io.entrasync.state.LeasePaths;
import io.entrasync.state.LeaseUnavailableException;
import io.entrasync.state.StateStore;
import io.entrasync.text.Printable;
import io.entrasync.upload.UploadEngine;
import io.entrasync.upload.UploadSettings;

/**
 * Processes one extract dropped into the inbound container, exactly once in effect: the door (blob trigger, the
 * standalone poller, the demo) hands over a blob name; this class routes it to its source, holds the source's lease,
 * skips a second delivery of the same content, resumes an interrupted run after its last accepted call, and ends with
 * the extract in {@code processed/} beside its reports, or in {@code failed/} with the reason.
 */
public final class InboundFileProcessor {

    private static final Logger LOG = Logger.getLogger(InboundFileProcessor.class);

    /**
     * @param maxAttempts processing attempts of one extract before it goes to {@code failed/}
     * @param leaseDuration the source lease's duration (15 to 60 s; renewed while the run lasts)
     * @param leaseWait how long a delivery waits for another run of the same source to finish
     * @param leasePoll how often it tries the lease again while waiting
     */
    public record Settings(int maxAttempts, Duration leaseDuration, Duration leaseWait, Duration leasePoll) {
        public Settings {
            if (leaseDuration.compareTo(Duration.ofSeconds(15)) < 0
                    || leaseDuration.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("sync.files.lease-duration is " + leaseDuration + "; Azure Blob"
                        + " Storage leases last 15 s to 60 s: set a value in that range (default 30s)");
            }
        }

        public static final Settings DEFAULT =
                new Settings(3, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(2));
    }

    private final DropZone zone;
    private final StateStore state;
    private final FileRunStore runs;
    private final SourceCatalog catalog;
    private final Function<UploadSettings, UploadEngine> engines;
    private final ExtractRun extractRun;
    private final Settings settings;
    private final Clock clock;
    private final WaitingRuns waitingRuns;

    /**
     * Where extracts, the sync's state and each run's progress are kept.
     *
     * @param zone the inbound, processed and failed containers
     * @param state the state store (leases, waiting runs, due changes)
     * @param runs each extract's run, with its calls so far
     */
    public record Storage(DropZone zone, StateStore state, FileRunStore runs) {
    }

    public InboundFileProcessor(Storage storage, SourceCatalog catalog, Function<UploadSettings, UploadEngine> engines,
            ExtractRun extractRun, Settings settings, Clock clock) {
        this.zone = storage.zone();
        this.state = storage.state();
        this.runs = storage.runs();
        this.catalog = catalog;
        this.engines = engines;
        this.extractRun = extractRun;
        this.settings = settings;
        this.clock = clock;
        this.waitingRuns = new WaitingRuns(state, runs.mapper());
    }

    /** Sends the changes that came due with no new extract (the resume timer's second job). */
    public DueRuns dueRuns() {
        return new DueRuns(zone, catalog, new DueRecords(state, runs.mapper()), this, clock);
    }

    /** Extracts waiting in the inbound container. */
    public List<String> waiting() {
        return zone.waiting();
    }

    /** What one look at the inbound container did: the extracts processed, and those left waiting. */
    public record Sweep(List<FileRunResult> processed, List<String> stillWaiting) {
    }

    /**
     * Processes the extracts of the inbound container that are due, from one listing: a deferred run once the quota
     * has room again, a held run once approved, an extract whose blob was replaced; the others go on waiting
     * without being downloaded or planned again (the standalone poller's backoff, and the Azure timer that resumes
     * what waits without a new blob event). First, the changes that came due are sent ({@link DueRuns}).
     *
     * @param waitingOnly process only extracts that wait (Azure: a new extract is the Event Grid trigger's); false
     *        also processes every other extract in inbound (the standalone poller, which is the only door there)
     */
    public Sweep processDue(boolean waitingOnly) {
        List<FileRunResult> processed = new ArrayList<>();
        try {
            processed.addAll(dueRuns().sendDue());
        } catch (RuntimeException e) {
            processed.add(FileRunResult.without("changes that came due", Outcome.RETRY_LATER, "could not be sent "
                    + "now: " + e.getMessage()));
        }
        List<String> stillWaiting = new ArrayList<>();
        for (Map.Entry<String, String> blob : zone.waitingWithEtags().entrySet()) {
            Optional<InboundFile> file = InboundFile.parse(blob.getKey());
            Optional<WaitingRuns.Waiting> waiting = file.flatMap(waitingRuns::find)
                    .filter(w -> w.inboundEtag().equals(blob.getValue()));
            if (waiting.isPresent() ? !due(waiting.get()) : waitingOnly) {
                waiting.ifPresent(w -> stillWaiting.add(blob.getKey()));
                continue;
            }
            try {
                processed.add(process(blob.getKey()));
            } catch (RuntimeException e) {
                processed.add(FileRunResult.without(blob.getKey(), Outcome.RETRY_LATER, "could not be processed now: "
                        + e.getMessage()));
            }
        }
        return new Sweep(processed, stillWaiting);
    }

    private boolean due(WaitingRuns.Waiting waiting) {
        return switch (waiting.reason()) {
            case DEFERRED -> quotaHasRoom(waiting);
            case HELD -> InboundFile.parse(waiting.blobName())
                    .map(file -> !extractRun.stillHeld(file.source(), waiting.runId())).orElse(true);
        };
    }

    /**
     * Whether the source's daily quota allows a call now: one read of the small quota blob, instead of downloading
     * and planning the extract only to be deferred again. (Not the marker's {@code notBefore} alone: a raised budget
     * or calls released by other runs make room earlier.)
     */
    private boolean quotaHasRoom(WaitingRuns.Waiting waiting) {
        Optional<SourceDefinition> source = InboundFile.parse(waiting.blobName())
                .flatMap(f -> catalog.find(f.source()));
        if (source.isEmpty()) {
            return true; // processing it says what is wrong
        }
        return engines.apply(source.get().upload()).quota().usage().remaining() > 0;
    }

    public FileRunResult process(String blobName) {
        Optional<String> unsafe = SourceNames.blobNameProblem(blobName);
        if (unsafe.isPresent()) {
            String error = "Refused: " + unsafe.get() + ".";
            String failedName = SourceNames.safeBlobName(blobName);
            LOG.errorf("inbound/%s moved to failed/%s: %s", Printable.escape(blobName), failedName,
                    Printable.escape(error));
            zone.moveToFailed(blobName, failedName, error);
            return FileRunResult.without(blobName, Outcome.FAILED, error);
        }
        Optional<InboundFile> parsed = InboundFile.parse(blobName);
        if (parsed.isEmpty()) {
            return fail(blobName, "'" + blobName
                    + "' is not in a source folder. Drop extracts as inbound/<source>/<file>;"
                    + " configured sources: " + new TreeSet<>(catalog.names()) + ".");
        }
        InboundFile file = parsed.get();
        Optional<SourceDefinition> source = catalog.find(file.source());
        if (source.isEmpty()) {
            return fail(blobName, "No source named '" + file.source() + "' is configured (configured sources: "
                    + new TreeSet<>(catalog.names()) + "). Configure sync.sources." + file.source()
                    + ".* or drop the file into the folder of a configured source.");
        }
        try (StateStore.Lease lease = acquireLease(file.source())) {
            if (!zone.inboundExists(blobName)) {
                return FileRunResult.without(blobName, Outcome.GONE,
                        "inbound/" + blobName + " is gone: an earlier delivery processed it, or it was removed");
            }
            return processLeased(file, source.get(), lease);
        }
    }

    private FileRunResult processLeased(InboundFile file, SourceDefinition source, StateStore.Lease lease) {
        Path local = tempFile();
        try {
            String etag = zone.etag(file.blobName());
            String sha256 = zone.download(file.blobName(), local);
            FileRunStore.Tracked tracked = runs.load(file, sha256).orElse(null);
            if (tracked != null && tracked.run().status() == Status.COMPLETED) {
                zone.deleteInbound(file.blobName());
                LOG.infof("%s was already processed in run %s: nothing sent again", Printable.escape(file.blobName()),
                        tracked.run().runId());
                return FileRunResult.without(file.blobName(), Outcome.DUPLICATE, "already processed in run "
                        + tracked.run().runId() + "; nothing was sent again");
            }
            if (tracked == null) {
                String runId = RunIds.of(clock.instant(), file.fileName(), sha256);
                tracked = runs.save(null, FileRunState.start(runId, file, sha256, clock.instant()), file.fileName());
            } else if (tracked.run().status() == Status.FAILED) {
                // The same content dropped again after a failure: a fresh set of attempts, resuming its progress.
                FileRunState run = tracked.run();
                tracked = runs.save(tracked, new FileRunState(run.runId(), run.source(), run.blobName(),
                        run.contentSha256(), Status.RUNNING, 0, run.nextBatch(), run.calls(), run.startedAt(), null,
                        run.lastError()), file.fileName());
            }
            tracked = runs.save(tracked, tracked.run().withAttempt(), file.fileName());
            if (tracked.run().attempts() > settings.maxAttempts()) {
                String error = "Gave up after " + settings.maxAttempts() + " attempts; last error: "
                        + tracked.run().lastError();
                runs.save(tracked, tracked.run().with(Status.FAILED, error, clock.instant()), file.fileName());
                return fail(file.blobName(), error);
            }
            UploadEngine engine = engines.apply(source.upload());
            FileRunResult result = extractRun.run(file, source, local, tracked, engine, lease);
            rememberWaiting(file, etag, tracked.run().runId(), result, engine);
            return result;
        } finally {
            deleteQuietly(local);
        }
    }

    /**
     * A deferred or held run leaves a marker (see {@link WaitingRuns}) so that what resumes it knows when it is due
     * without downloading it; any other ending removes it. A deferred run is due when the oldest call counted by
     * the daily quota stops counting (at least a minute from now).
     */
    private void rememberWaiting(InboundFile file, String etag, String runId, FileRunResult result,
            UploadEngine engine) {
        switch (result.outcome()) {
            case DEFERRED -> {
                Instant soonest = clock.instant().plus(Duration.ofMinutes(1));
                Instant freeAt = engine.quota().usage().nextFreeAt().filter(soonest::isBefore).orElse(soonest);
                waitingRuns.record(file, new WaitingRuns.Waiting(file.blobName(), etag, runId,
                        WaitingRuns.Reason.DEFERRED, freeAt));
                LOG.infof("inbound/%s waits for the daily quota until %s", file.blobName(), freeAt);
            }
            case HELD -> waitingRuns.record(file, new WaitingRuns.Waiting(file.blobName(), etag, runId,
                    WaitingRuns.Reason.HELD, null));
            default -> waitingRuns.clear(file);
        }
    }

    private FileRunResult fail(String blobName, String error) {
        LOG.errorf("inbound/%s moved to failed/: %s", Printable.escape(blobName), Printable.escape(error));
        zone.moveToFailed(blobName, error);
        return FileRunResult.without(blobName, Outcome.FAILED, error);
    }

    /** Waits for the source's lease: concurrent deliveries for one source run one after the other. */
    private StateStore.Lease acquireLease(String source) {
        Instant deadline = clock.instant().plus(settings.leaseWait());
        String path = LeasePaths.source(source);
        while (true) {
            try {
                return state.acquireLease(path, settings.leaseDuration());
            } catch (LeaseUnavailableException busy) {
                if (clock.instant().isAfter(deadline)) {
                    throw new LeaseUnavailableException(path + " (waited " + settings.leaseWait() + ")", busy);
                }
                try {
                    Thread.sleep(settings.leasePoll().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the lease of " + source, e);
                }
            }
        }
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("extract-", ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException("No room for a local copy of the extract: " + e.getMessage(), e);
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
