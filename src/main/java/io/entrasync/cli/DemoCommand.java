package io.entrasync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.auth.ClientCredentialsTokens;
import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.job.JobClients;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.local.AzuriteProcess;
import io.entrasync.reconcile.ReconcileSettings;
import io.entrasync.reconcile.Reconciler;
import io.entrasync.reconcile.StatusPage;
import io.entrasync.reconcile.WaitResult;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.run.DropZone;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.run.RunWiring;
import io.entrasync.run.SourceCatalog;
import io.entrasync.run.SourceDefinition;
import io.entrasync.schema.SchemaService;
import io.entrasync.source.ExtractOptions;
import io.entrasync.state.BlobStateStore;
import io.entrasync.state.StateStore;
import io.entrasync.upload.UploadEngines;
import io.entrasync.upload.UploadOverrides;
import io.entrasync.upload.UploadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole drop-a-file job on a laptop, on embedded defaults: Azurite (installed from npm) for storage, the
 * provisioning emulator for Microsoft Graph, Microsoft's 1000-record sample with its sample mapping. The extract
 * goes through the same processor as the blob trigger; the reports are copied to a local folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the drop-a-file job locally: starts Azurite and the provisioning emulator, drops a sample"
                + " extract, processes it like the blob trigger does, waits for the provisioning logs, prints what"
                + " happened and leaves the reports in --out. Needs Node.js 20+ and npm (for Azurite).")
public class DemoCommand implements Callable<Integer> {

    /** A realistic bulkUpload round trip (300–600 ms, as measured against Graph through a proxy). */
    static final Duration DEMO_LATENCY_MIN = Duration.ofMillis(300);
    static final Duration DEMO_LATENCY_MAX = Duration.ofMillis(600);


    static final String SOURCE = "demo";
    static final String SAMPLE = "extracts/csv-with-1000-records.csv";
    static final String SAMPLE_MAPPING = ConfiguredSources.CLASSPATH + "mappings/microsoft-sample.yaml";

    @Option(names = "--file", paramLabel = "CSV",
            description = "Extract to drop (default: Microsoft's 1000-record sample).")
    Path file;

    @Option(names = "--mapping", paramLabel = "YAML",
            description = "Mapping (default: the sample mapping for that extract).")
    String mapping = SAMPLE_MAPPING;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the run's reports are copied (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("demo-output");

    @Option(names = "--log-delay", paramLabel = "DURATION", converter = EmulatorCommand.DurationConverter.class,
            description = "How long the emulator takes to show provisioning logs (the real service: 5-10 min;"
                    + " default: ${DEFAULT-VALUE}).")
    Duration logDelay = Duration.ofSeconds(2);

    @Option(names = "--wait", paramLabel = "DURATION", converter = EmulatorCommand.DurationConverter.class,
            description = "How long to wait for the logs (default: ${DEFAULT-VALUE}).")
    Duration wait = Duration.ofMinutes(2);

    @Option(names = "--azurite-cache", paramLabel = "DIR",
            description = "Where Azurite is installed from npm (default: ${DEFAULT-VALUE}).")
    Path azuriteCache = Path.of(".cache", "azurite");

    @Inject
    ObjectMapper mapper;

    @Inject
    ClientCredentialsTokens clientCredentials;

    @Override
    public Integer call() throws Exception {
        System.err.println("Starting Azurite (installing it from npm the first time) and the provisioning emulator...");
        try (AzuriteProcess azurite = AzuriteProcess.start(azuriteCache, AzuriteProcess.DEFAULT_VERSION);
             ProvisioningEmulator emulator = ProvisioningEmulator.start(EmulatorSettings.defaults().withPort(0)
                     .withProcessingDelay(Duration.ofMillis(500)).withLogDelay(logDelay)
                    // What a bulkUpload answer takes against Graph, so the demo shows calls overlapping.
                    .withLatency(DEMO_LATENCY_MIN, DEMO_LATENCY_MAX))) {
            BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                    .buildClient();
            StateStore state = new BlobStateStore(blobs.getBlobContainerClient("entra-inbound-sync"));
            DropZone zone = new DropZone(blobs, "inbound", "processed", "failed");
            UploadEngines engines = new UploadEngines(state, mapper, clientCredentials);
            SourceCatalog catalog = catalog(emulator);
            InboundFileProcessor processor = RunWiring.create(zone, state, catalog, engines, mapper,
                    InboundFileProcessor.Settings.DEFAULT, new SchemaService(new JobClients(engines, mapper)));

            String blobName = SOURCE + "/" + (file == null ? Path.of(SAMPLE).getFileName() : file.getFileName());
            zone.inbound().getBlobClient(blobName).upload(BinaryData.fromBytes(extractBytes()), true);
            System.err.printf("Dropped %s into inbound/%s; Graph emulator at %s%n", file == null ? SAMPLE : file,
                    blobName, emulator.baseUrl());

            FileRunResult result = processor.process(blobName);
            System.err.printf("Upload: %s %s%n", result.outcome(), result.message());
            Reconciler reconciler = Reconciler.create(state, engines, zone.processed(), mapper,
                    ReconcileSettings.DEFAULT.withWaitPoll(Duration.ofSeconds(1)),
                    catalog.find(SOURCE).orElseThrow().upload());
            if (result.reportName().isPresent()) {
                System.err.println("Reading the provisioning logs back (reconciliation)...");
                WaitResult reconciled = reconciler
                        .reconcileUntilFinal(SOURCE, Optional.of(result.reportName().get().split("/", -1)[1]), wait);
                System.err.println("Reconciliation " + reconciled.describe());
            }
            Path reportDir = copyReports(zone, result);
            // The same page as `status --source demo --html demo-output/status.html`.
            StatusPage.render(reconciler.overview(SOURCE, 10), out.resolve("status.html"));
            return printSummary(result, reportDir);
        }
    }

    private SourceCatalog catalog(ProvisioningEmulator emulator) {
        UploadSettings upload = UploadSettings.resolve(SOURCE, Optional.empty(), new UploadOverrides(
                Optional.of(emulator.baseUrl()), Optional.of(emulator.defaultJob().servicePrincipalId()),
                Optional.of(emulator.defaultJob().jobId()), Optional.of("client-credentials"),
                Optional.of(emulator.tokenEndpoint()), Optional.of("demo-client"), Optional.of("demo-secret")));
        SourceDefinition demo = new SourceDefinition(SOURCE, ConfiguredSources.loadMapping(mapping),
                ExtractOptions.defaults(), upload);
        return new SourceCatalog() {
            @Override
            public Optional<SourceDefinition> find(String name) {
                return SOURCE.equals(name) ? Optional.of(demo) : Optional.empty();
            }

            @Override
            public Set<String> names() {
                return Set.of(SOURCE);
            }
        };
    }

    private byte[] extractBytes() throws IOException {
        if (file != null) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE + " is not packaged in the application");
            }
            return in.readAllBytes();
        }
    }

    /** Azurite runs in memory: copy the run's folder out before it stops. */
    private Path copyReports(DropZone zone, FileRunResult result) throws IOException {
        String prefix = result.reportName().map(name -> name.substring(0, name.lastIndexOf('/') + 1)).orElse(null);
        Files.createDirectories(out);
        if (prefix == null) {
            for (BlobItem item : zone.failed().listBlobs()) {
                Path target = out.resolve("failed").resolve(item.getName());
                Files.createDirectories(target.getParent());
                zone.failed().getBlobClient(item.getName()).downloadToFile(target.toString(), true);
            }
            return out.resolve("failed");
        }
        Path dir = out.resolve(prefix);
        Files.createDirectories(dir);
        for (BlobItem item : zone.processed().listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
            zone.processed().getBlobClient(item.getName())
                    .downloadToFile(dir.resolve(item.getName().substring(prefix.length())).toString(), true);
        }
        return dir;
    }

    private static long recordsWithoutTheirManager(Path results) throws IOException {
        if (!Files.exists(results)) {
            return 0;
        }
        try (var lines = Files.lines(results)) {
            return lines.filter(line -> line.contains(",warning,")
                    && line.contains("UnableToResolveReferenceAttributeValue"))
                    .count();
        }
    }

    private int printSummary(FileRunResult result, Path reportDir) throws IOException {
        if (result.report().isEmpty()) {
            System.out.println("The extract was not processed: " + result.message());
            System.out.println("Details: " + reportDir.toAbsolutePath());
            return 1;
        }
        // The report as reconciliation completed it (service outcomes in records.byOutcome).
        JsonNode report = mapper.readTree(reportDir.resolve(result.report().get().file() + ".report.json").toFile());
        JsonNode records = report.path("records");
        System.out.printf("%nRun %s of %s: %s%n", report.path("runId").asText(), report.path("file").asText(),
                report.path("status").asText());
        System.out.printf("  records read      %6d%n", records.path("read").asLong());
        System.out.printf("  rejected          %6d  (not sent; each line of the results file says why)%n",
                records.path("rejected").asLong());
        System.out.printf("  sent              %6d  in %d bulkUpload calls (%d re-sent by reconciliation)%n",
                records.path("accepted").asLong(), report.path("calls").path("accepted").asLong(),
                report.path("reconciliation").path("resent").asLong());
        System.out.println("  service outcomes (from the provisioning logs):");
        report.path("reconciliation").path("outcomes").fields().forEachRemaining(outcome ->
                System.out.printf("    %-15s %6d%n", outcome.getKey(), outcome.getValue().asLong()));
        long withoutManager = recordsWithoutTheirManager(reportDir.resolve(result.report().get().file()
                + ".results.csv"));
        if (withoutManager > 0) {
            // What the real service writes for them: a successful create with an EntrySynchronizationSkip step.
            System.out.printf("  %d record(s) were created without their manager (warning): the manager is in no"
                    + " extract sent through this job, so the service skipped it"
                    + " (UnableToResolveReferenceAttributeValue)."
                    + " They are sent again with the run that sends their manager.%n", withoutManager);
        }
        System.out.printf("  reports           %s%n", reportDir.toAbsolutePath());
        System.out.printf("  report page       %s%n",
                reportDir.resolve(report.path("file").asText() + ".report.html").toAbsolutePath());
        System.out.printf("  status page       %s%n", out.resolve("status.html").toAbsolutePath());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("records", records.path("read").asLong());
        line.put("created", records.path("byOutcome").path("created").asLong());
        // Leavers and inactive workers in the extract: created with accountEnabled false.
        line.put("createdDisabled", records.path("byOutcome").path("created (disabled)").asLong());
        line.put("updated", records.path("byOutcome").path("updated").asLong());
        line.put("updatedDisabled", records.path("byOutcome").path("updated (disabled)").asLong());
        line.put("warning", records.path("byOutcome").path("warning").asLong());
        line.put("failed", records.path("failed").asLong() + records.path("byOutcome").path("service-failed").asLong());
        line.put("rejected", records.path("rejected").asLong());
        line.put("report", reportDir.resolve(report.path("file").asText() + ".report.json").toString());
        System.out.println(mapper.writeValueAsString(line));
        return result.outcome() == FileRunResult.Outcome.PROCESSED ? 0 : 1;
    }
}
