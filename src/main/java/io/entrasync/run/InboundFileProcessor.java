package io.entrasync.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.entrasync.run.FileRunResult.Outcome;
import io.entrasync.run.FileRunState.Status;
import io.entrasync.state.LeaseUnavailableException;
import io.entrasync.state.StateStore;
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
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * @param maxAttempts processing attempts of one extract before it goes to {@code failed/}
     * @param leaseDuration the source lease's duration (15 to 60 s; renewed while the run lasts)
     * @param leaseWait how long a delivery waits for another run of the same source to finish
     * @param leasePoll how often it tries the lease again while waiting
     */
    public record Settings(int maxAttempts, Duration leaseDuration, Duration leaseWait, Duration leasePoll) {
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

    public InboundFileProcessor(DropZone zone, StateStore state, FileRunStore runs, SourceCatalog catalog,
            Function<UploadSettings, UploadEngine> engines, ExtractRun extractRun, Settings settings, Clock clock) {
        this.zone = zone;
        this.state = state;
        this.runs = runs;
        this.catalog = catalog;
        this.engines = engines;
        this.extractRun = extractRun;
        this.settings = settings;
        this.clock = clock;
    }

    /** Extracts waiting in the inbound container. */
    public List<String> waiting() {
        return zone.waiting();
    }

    public FileRunResult process(String blobName) {
        Optional<String> unsafe = SourceNames.blobNameProblem(blobName);
        if (unsafe.isPresent()) {
            String error = "Refused: " + unsafe.get() + ".";
            String failedName = SourceNames.safeBlobName(blobName);
            LOG.errorf("inbound/%s moved to failed/%s: %s", blobName, failedName, error);
            zone.moveToFailed(blobName, failedName, error);
            return FileRunResult.without(blobName, Outcome.FAILED, error);
        }
        Optional<InboundFile> parsed = InboundFile.parse(blobName);
        if (parsed.isEmpty()) {
            return fail(blobName, "'" + blobName + "' is not in a source folder. Drop extracts as inbound/<source>/<file>;"
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
            String sha256 = zone.download(file.blobName(), local);
            FileRunStore.Tracked tracked = runs.load(file, sha256).orElse(null);
            if (tracked != null && tracked.run().status() == Status.COMPLETED) {
                zone.deleteInbound(file.blobName());
                LOG.infof("%s was already processed in run %s: nothing sent again", file.blobName(), tracked.run().runId());
                return FileRunResult.without(file.blobName(), Outcome.DUPLICATE, "already processed in run "
                        + tracked.run().runId() + "; nothing was sent again");
            }
            if (tracked == null) {
                String runId = RUN_ID_TIME.format(clock.instant()) + "-" + sha256.substring(0, 8);
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
            return extractRun.run(file, source, local, tracked, engines.apply(source.upload()), lease);
        } finally {
            deleteQuietly(local);
        }
    }

    private FileRunResult fail(String blobName, String error) {
        LOG.errorf("inbound/%s moved to failed/: %s", blobName, error);
        zone.moveToFailed(blobName, error);
        return FileRunResult.without(blobName, Outcome.FAILED, error);
    }

    /** Waits for the source's lease: concurrent deliveries for one source run one after the other. */
    private StateStore.Lease acquireLease(String source) {
        Instant deadline = clock.instant().plus(settings.leaseWait());
        String path = source + "/lease";
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
