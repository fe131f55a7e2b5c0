package io.entrasync.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.source.ExtractOptions;
import io.entrasync.state.BlobStateStore;
import io.entrasync.state.StateStore;
import io.entrasync.support.EmulatorUploads;
import io.entrasync.support.TestAzurite;
import io.entrasync.upload.UploadEngines;
import io.entrasync.upload.UploadSettings;
import io.entrasync.support.PlainTokens;

/**
 * A drop zone, state store and source {@code hr} (Microsoft's sample mapping) in fresh Azurite containers, uploading
 * to the given emulator. Each fixture has its own containers, so tests do not see each other's files.
 */
final class DropFileFixture {

    static final String SOURCE = "hr";
    static final Path SAMPLE_1000 = Path.of("samples/extracts/csv-with-1000-records.csv");
    static final Path SAMPLE_MAPPING = Path.of("samples/mappings/microsoft-sample.yaml");

    final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    final BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(TestAzurite.connectionString())
            .buildClient();
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final DropZone zone = new DropZone(blobs, "inbound-" + suffix, "processed-" + suffix, "failed-" + suffix);
    final BlobStateStore state = new BlobStateStore(blobs.getBlobContainerClient("state-" + suffix));
    final ProvisioningEmulator emulator;
    private UploadSettings upload;

    DropFileFixture(ProvisioningEmulator emulator) {
        this.emulator = emulator;
        this.upload = EmulatorUploads.settings(emulator, SOURCE, "tenant-" + suffix,
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    DropFileFixture withUpload(UnaryOperator<UploadSettings> change) {
        upload = change.apply(upload);
        return this;
    }

    SourceCatalog catalog() {
        SourceDefinition hr = new SourceDefinition(SOURCE, ConfiguredSources.loadMapping(SAMPLE_MAPPING.toString()),
                ExtractOptions.defaults(), upload);
        return new SourceCatalog() {
            @Override
            public Optional<SourceDefinition> find(String name) {
                return SOURCE.equals(name) ? Optional.of(hr) : Optional.empty();
            }

            @Override
            public Set<String> names() {
                return Set.of(SOURCE);
            }
        };
    }

    InboundFileProcessor processor() {
        return processor(state, InboundFileProcessor.Settings.DEFAULT);
    }

    InboundFileProcessor processor(StateStore store, InboundFileProcessor.Settings settings) {
        UploadEngines engines = new UploadEngines(store, mapper, PlainTokens.clientSecret());
        return RunWiring.create(zone, store, catalog(), engines, mapper, settings);
    }

    void drop(String blobName, Path file) throws IOException {
        drop(blobName, Files.readAllBytes(file));
    }

    void drop(String blobName, byte[] content) {
        zone.inbound().getBlobClient(blobName).upload(BinaryData.fromBytes(content), true);
    }

    String processedText(String name) {
        return zone.processed().getBlobClient(name).downloadContent().toString();
    }

    String failedText(String name) {
        return zone.failed().getBlobClient(name).downloadContent().toString();
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
