package io.entrasync.reconcile;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.ledger.Ledger;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.run.DropZone;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.run.RunWiring;
import io.entrasync.run.SourceCatalog;
import io.entrasync.run.SourceDefinition;
import io.entrasync.source.ExtractOptions;
import io.entrasync.state.BlobStateStore;
import io.entrasync.support.EmulatorUploads;
import io.entrasync.support.TestAzurite;
import io.entrasync.upload.PacingSettings;
import io.entrasync.upload.UploadEngines;
import io.entrasync.upload.UploadSettings;
import io.entrasync.support.PlainTokens;

/**
 * Source {@code hr} (Microsoft's sample mapping) in fresh Azurite containers, uploading to and reconciling against
 * the given emulator: drop an extract, process it like the blob trigger does, then reconcile.
 */
final class ReconcileFixture {

    static final String SOURCE = "hr";
    static final String HEADER = "WorkerID,WorkerStatus,WorkerType,UserID,FirstName,LastName,FullName,GenderPronoun,"
            + "ManagerID,HireDate,OnLeave,Department,Division,CostCenter,Company,Location,JobTitle,StreetAddress,City,"
            + "CountryCode,OfficePhone,Custom01,Custom02,ZipCode";

    final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    final BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(TestAzurite.connectionString())
            .buildClient();
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final DropZone zone = new DropZone(blobs, "inbound-" + suffix, "processed-" + suffix, "failed-" + suffix);
    final BlobStateStore state = new BlobStateStore(blobs.getBlobContainerClient("state-" + suffix));
    final Ledger ledger = new Ledger(state, mapper);
    final ProvisioningEmulator emulator;
    final UploadSettings upload;
    final UploadEngines engines = new UploadEngines(state, mapper, PlainTokens.clientSecret());
    final ReconcileMetrics metrics = ReconcileMetrics.inMemory();

    ReconcileFixture(ProvisioningEmulator emulator) {
        this.emulator = emulator;
        this.upload = EmulatorUploads.settings(emulator, SOURCE, "tenant-" + suffix,
                new RetryPolicy(5, Duration.ofMillis(10), Duration.ofSeconds(15)));
    }

    /** Against another Graph endpoint (e.g. {@link PublishedLogService}) for source {@code upload.sourceName()}. */
    ReconcileFixture(UploadSettings upload) {
        this.emulator = null;
        this.upload = upload;
    }

    /** Test settings: fast polling, and a reports pace that the emulator's raised limit never throttles. */
    static ReconcileSettings settings() {
        return ReconcileSettings.DEFAULT.withWaitPoll(Duration.ofMillis(200))
                .withReportsPacing(new PacingSettings(1000, Duration.ofSeconds(1)));
    }

    Reconciler reconciler(ReconcileSettings settings) {
        return reconciler(settings, upload);
    }

    /** A reconciler for these sources (sharing this fixture's state and containers). */
    Reconciler reconciler(ReconcileSettings settings, UploadSettings... sources) {
        return new Reconciler(new Reconciler.Storage(state, zone.processed()), ReconcileSources.of(sources),
                GraphAccess.of(engines), mapper, settings, metrics, Clock.systemUTC());
    }

    InboundFileProcessor processor() {
        return processor(upload);
    }

    InboundFileProcessor processor(UploadSettings source) {
        SourceDefinition definition = new SourceDefinition(source.sourceName(),
                ConfiguredSources.loadMapping("samples/mappings/microsoft-sample.yaml"), ExtractOptions.defaults(),
                source);
        SourceCatalog catalog = new SourceCatalog() {
            @Override
            public Optional<SourceDefinition> find(String name) {
                return source.sourceName().equals(name) ? Optional.of(definition) : Optional.empty();
            }

            @Override
            public Set<String> names() {
                return Set.of(source.sourceName());
            }
        };
        return RunWiring.create(zone, state, catalog, engines, mapper, InboundFileProcessor.Settings.DEFAULT);
    }

    /** Drops {@code csv} as {@code hr/<name>} and processes it; returns the run's folder in the processed container. */
    String dropAndProcess(String name, String csv) {
        return dropAndProcess(upload, name, csv);
    }

    /** Drops {@code csv} as {@code <source>/<name>} and processes it; returns the run's folder. */
    String dropAndProcess(UploadSettings source, String name, String csv) {
        zone.inbound().getBlobClient(source.sourceName() + "/" + name).upload(BinaryData.fromString(csv), true);
        FileRunResult result = processor(source).process(source.sourceName() + "/" + name);
        if (result.reportName().isEmpty()) {
            throw new AssertionError(result.outcome() + ": " + result.message());
        }
        return result.reportName().get().replace(".report.json", "");
    }

    static String runIdOf(String folder) {
        return folder.split("/", -1)[1];
    }

    /** results.csv as externalId → [outcome, detail]. */
    Map<String, List<String>> results(String folder) throws IOException {
        String text = zone.processed().getBlobClient(folder + ".results.csv").downloadContent().toString();
        Map<String, List<String>> lines = new LinkedHashMap<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(new StringReader(text))) {
            boolean header = true;
            for (CsvRecord line : csv) {
                if (!header) {
                    lines.put(line.getField(1), List.of(line.getField(2), line.getField(3)));
                }
                header = false;
            }
        }
        return lines;
    }

    JsonNode report(String folder) throws IOException {
        return mapper.readTree(zone.processed().getBlobClient(folder + ".report.json").downloadContent().toBytes());
    }

    /** A CSV extract of {@link #HEADER} rows. */
    static String csv(String... rows) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(List.of(rows));
        return String.join("\r\n", lines) + "\r\n";
    }

    /** One active worker; {@code manager} may be empty. */
    static String worker(String id, String userName, String manager) {
        return worker(id, "Active", userName, manager, "Sales");
    }

    static String worker(String id, String status, String userName, String manager, String department) {
        return id + "," + status + ",Employee," + userName + ",First" + id + ",Last" + id + ",First" + id + " Last" + id
                + ",SHE/HER," + manager + ",2019-07-03,False," + department
                + ",Pharma,CC9016,Woodgrove,Europe,Engineer,1 Main St,Chicago,US,150-150-1586,C1084,,71677";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
