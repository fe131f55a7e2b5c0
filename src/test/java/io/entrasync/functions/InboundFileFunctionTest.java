package io.entrasync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;

import io.entrasync.support.EmulatorResource;
import io.entrasync.support.TestExecutionContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The blob-trigger door wired by Quarkus from configuration, called as the Functions host would. */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class InboundFileFunctionTest {

    @Inject
    InboundFileFunction function;

    @Inject
    BlobServiceClient blobs;

    @Test
    void aDroppedExtractIsUploadedAndLandsInProcessedWithItsReports() throws Exception {
        byte[] extract = Files.readAllBytes(Path.of("samples/extracts/csv-with-5-records.csv"));
        blobs.getBlobContainerClient("inbound").createIfNotExists();
        blobs.getBlobContainerClient("inbound").getBlobClient("hr/five.csv").upload(BinaryData.fromBytes(extract), true);

        function.run(extract, "hr/five.csv", new TestExecutionContext("inboundFile"));

        assertThat(blobs.getBlobContainerClient("inbound").getBlobClient("hr/five.csv").exists()).isFalse();
        assertThat(blobs.getBlobContainerClient("processed").listBlobs().stream().map(BlobItem::getName))
                .anyMatch(name -> name.startsWith("hr/") && name.endsWith("/five.csv.report.json"))
                .anyMatch(name -> name.endsWith("/five.csv.results.csv"));
        assertThat(EmulatorResource.emulator().stats().calls().accepted()).isEqualTo(1);
    }
}
