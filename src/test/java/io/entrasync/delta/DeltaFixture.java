package io.entrasync.delta;

import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import io.entrasync.auth.AuthSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.ledger.Ledger;
import io.entrasync.reconcile.ReconcileSettings;
import io.entrasync.reconcile.Reconciler;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.run.DropZone;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.run.RunWiring;
import io.entrasync.run.SchemaPreflight;
import io.entrasync.run.SourceCatalog;
import io.entrasync.run.SourceDefinition;
import io.entrasync.source.ExtractOptions;
import io.entrasync.state.BlobStateStore;
import io.entrasync.support.TestAzurite;
import io.entrasync.upload.BulkUploadTarget;
import io.entrasync.upload.PacingSettings;
import io.entrasync.upload.UploadEngine;
import io.entrasync.upload.UploadEngines;
import io.entrasync.upload.UploadSettings;
import io.entrasync.validate.DirectoryCheckSettings;
import io.entrasync.support.PlainTokens;

/**
 * Source {@code hr} (Microsoft's sample mapping) with delta settings of the test's choosing, in fresh Azurite
 * containers, uploading to and reconciling against the given emulator.
 */
final class DeltaFixture {

    static final String SOURCE = "hr";
    static final String HEADER = "WorkerID,WorkerStatus,WorkerType,UserID,FirstName,LastName,FullName,GenderPronoun,"
            + "ManagerID,HireDate,OnLeave,Department,Division,CostCenter,Company,Location,JobTitle,StreetAddress,City,"
            + "CountryCode,OfficePhone,Custom01,Custom02,ZipCode";

    final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    final BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(
            System.getProperty("benchmark.azurite", "").isEmpty() ? TestAzurite.connectionString()
                    : System.getProperty("benchmark.azurite")).buildClient();
    final String suffix;
    final DropZone zone;
    final BlobStateStore state;
    final Ledger ledger;
    final DeltaRuns deltas;
    final UploadEngines engines;
    final ProvisioningEmulator emulator;
    UploadSettings upload;
    DeltaSettings delta = DeltaSettings.DEFAULT;
    DirectoryCheckSettings directoryCheck = DirectoryCheckSettings.OFF;
    String mappingFile = "samples/mappings/microsoft-sample.yaml";
    /** Whether runs keep each person's trail (false: the trail's overhead benchmark's runs without it). */
    boolean keepTrail = true;

    DeltaFixture(ProvisioningEmulator emulator) {
        this(emulator, UUID.randomUUID().toString().substring(0, 8));
    }

    /** Over the containers of an earlier fixture with the same {@code suffix} (another JVM's, for the benchmark). */
    DeltaFixture(ProvisioningEmulator emulator, String suffix) {
        this.suffix = suffix;
        this.zone = new DropZone(blobs, "inbound-" + suffix, "processed-" + suffix, "failed-" + suffix);
        this.state = new BlobStateStore(blobs.getBlobContainerClient("state-" + suffix));
        this.ledger = new Ledger(state, mapper);
        this.deltas = new DeltaRuns(state, mapper, Clock.systemUTC());
        this.engines = new UploadEngines(state, mapper, PlainTokens.clientSecret());
        this.emulator = emulator;
        this.upload = new UploadSettings(SOURCE,
                new BulkUploadTarget(emulator.baseUrl(), "beta", emulator.defaultJob().servicePrincipalId(),
                        emulator.defaultJob().jobId()),
                AuthSettings.clientSecret(emulator.tokenEndpoint(), "test-client", "test-secret"),
                PacingSettings.DEFAULT, 2000, "tenant-" + suffix,
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)), Duration.ofSeconds(5),
                Duration.ofSeconds(10), UploadEngine.DEFAULT_MAX_IN_FLIGHT);
    }

    DeltaFixture withDelta(UnaryOperator<DeltaSettings> change) {
        delta = change.apply(delta);
        return this;
    }

    DeltaFixture withDailyCalls(int calls) {
        upload = upload.withDailyCalls(calls);
        return this;
    }

    SourceDefinition source() {
        return new SourceDefinition(SOURCE, ConfiguredSources.loadMapping(mappingFile),
                ExtractOptions.defaults(), upload, delta, directoryCheck);
    }

    InboundFileProcessor processor() {
        SourceDefinition hr = source();
        SourceCatalog catalog = new SourceCatalog() {
            @Override
            public Optional<SourceDefinition> find(String name) {
                return SOURCE.equals(name) ? Optional.of(hr) : Optional.empty();
            }

            @Override
            public Set<String> names() {
                return Set.of(SOURCE);
            }
        };
        return RunWiring.create(zone, state, catalog, engines, mapper, InboundFileProcessor.Settings.DEFAULT,
                new RunWiring.Checks(SchemaPreflight.NONE, keepTrail));
    }

    Reconciler reconciler() {
        return Reconciler.create(state, engines, zone.processed(), mapper, ReconcileSettings.DEFAULT
                .withWaitPoll(Duration.ofMillis(200)).withReportsPacing(new PacingSettings(1000,
                Duration.ofSeconds(1))),
                upload);
    }

    /** Drops {@code csv} as {@code hr/<name>} and processes it. */
    FileRunResult drop(String name, String csv) {
        zone.inbound().getBlobClient(SOURCE + "/" + name).upload(BinaryData.fromString(csv), true);
        return processor().process(SOURCE + "/" + name);
    }

    static String folderOf(FileRunResult result) {
        return result.reportName().orElseThrow(() -> new AssertionError(result.outcome() + ": " + result.message()))
                .replace(".report.json", "");
    }

    static String runIdOf(FileRunResult result) {
        return folderOf(result).split("/", -1)[1];
    }

    /** results.csv as externalId → [line, outcome, detail], in file order. */
    Map<String, List<String>> results(FileRunResult result) throws IOException {
        String text = zone.processed().getBlobClient(folderOf(result) + ".results.csv").downloadContent().toString();
        Map<String, List<String>> lines = new LinkedHashMap<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(new StringReader(text))) {
            boolean header = true;
            for (CsvRecord line : csv) {
                if (!header) {
                    lines.put(line.getField(1), List.of(line.getField(0), line.getField(2), line.getField(3)));
                }
                header = false;
            }
        }
        return lines;
    }

    JsonNode report(FileRunResult result) throws IOException {
        return mapper.readTree(zone.processed().getBlobClient(folderOf(result) + ".report.json").downloadContent()
                .toBytes());
    }

    static String csv(String... rows) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(List.of(rows));
        return String.join("\r\n", lines) + "\r\n";
    }

    static String csv(List<String> rows) {
        return csv(rows.toArray(String[]::new));
    }

    static String worker(String id, String manager) {
        return worker(id, manager, "Sales");
    }

    static String worker(String id, String manager, String department) {
        return id + ",Active,Employee,u" + id + ",First" + id + ",Last" + id + ",First" + id + " Last" + id
                + ",SHE/HER," + manager + ",2019-07-03,False," + department
                + ",Pharma,CC9016,Woodgrove,Europe,Engineer,1 Main St,Chicago,US,150-150-1586,C1084,,71677";
    }

    static List<String> workers(int from, int count) {
        List<String> rows = new ArrayList<>();
        for (int id = from; id < from + count; id++) {
            rows.add(worker(Integer.toString(id), ""));
        }
        return rows;
    }
}
