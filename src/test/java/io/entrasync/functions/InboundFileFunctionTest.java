package io.entrasync.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.support.EmulatorResource;
import io.entrasync.support.TestExecutionContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Event Grid drop door wired by Quarkus from configuration, called as the Functions host would. */
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
        blobs.getBlobContainerClient("inbound").getBlobClient("hr/five.csv")
                .upload(BinaryData.fromBytes(extract), true);

        function.run(blobCreated("inbound", "hr/five.csv"), new TestExecutionContext("inboundFile"));

        assertThat(blobs.getBlobContainerClient("inbound").getBlobClient("hr/five.csv").exists()).isFalse();
        assertThat(blobs.getBlobContainerClient("processed").listBlobs().stream().map(BlobItem::getName))
                .anyMatch(name -> name.startsWith("hr/") && name.endsWith("/five.csv.report.json"))
                .anyMatch(name -> name.endsWith("/five.csv.results.csv"));
        assertThat(EmulatorResource.emulator().stats().calls().accepted()).isEqualTo(1);
        String report = blobs.getBlobContainerClient("processed").listBlobs().stream().map(BlobItem::getName)
                .filter(name -> name.endsWith("/five.csv.report.json")).findFirst().orElseThrow();
        JsonNode schema = new ObjectMapper().readTree(blobs.getBlobContainerClient("processed").getBlobClient(report)
                .downloadContent().toBytes()).path("schema");
        assertThat(schema.path("checked").asBoolean()).as("the run checked the job's schema first: %s", schema)
                .isTrue();
        assertThat(schema.path("dropped")).as("Microsoft's sample mapping flows entirely").isEmpty();
    }

    @Inject
    ResumeWaitingFunction resume;

    @Test
    void theResumeTimerLeavesAnExtractThatDoesNotWaitToTheEventGridTrigger() {
        blobs.getBlobContainerClient("inbound").createIfNotExists();
        var blob = blobs.getBlobContainerClient("inbound").getBlobClient("hr/not-waiting.csv");
        blob.upload(BinaryData.fromString("WorkerID\n1\n"), true);
        long callsBefore = EmulatorResource.emulator().stats().calls().accepted();

        resume.run("{}", new TestExecutionContext("resumeWaiting"));

        assertThat(blob.exists()).isTrue();
        assertThat(EmulatorResource.emulator().stats().calls().accepted()).isEqualTo(callsBefore);
        blob.delete();
    }

    @Test
    void otherEventsAndOtherContainersAreIgnoredAndLeaveTheBlobAlone() {
        blobs.getBlobContainerClient("inbound").createIfNotExists();
        blobs.getBlobContainerClient("inbound").getBlobClient("hr/other.csv")
                .upload(BinaryData.fromString("WorkerID\n1\n"), true);
        long callsBefore = EmulatorResource.emulator().stats().calls().accepted();

        function.run(blobCreated("elsewhere", "hr/other.csv"), new TestExecutionContext("inboundFile"));
        function.run(blobCreated("inbound", "hr/other.csv").replace("Microsoft.Storage.BlobCreated",
                "Microsoft.Storage.BlobDeleted"), new TestExecutionContext("inboundFile"));

        assertThat(blobs.getBlobContainerClient("inbound").getBlobClient("hr/other.csv").exists()).isTrue();
        assertThat(EmulatorResource.emulator().stats().calls().accepted()).isEqualTo(callsBefore);
        blobs.getBlobContainerClient("inbound").getBlobClient("hr/other.csv").delete();
    }

    @Test
    void aNameWithDotDotSegmentsIsRefusedIntoFailedWithTheReason() {
        blobs.getBlobContainerClient("failed").createIfNotExists();

        function.run(blobCreated("inbound", "hr/../lease"), new TestExecutionContext("inboundFile"));

        String error = blobs.getBlobContainerClient("failed").getBlobClient("refused/hr/_/lease.error.txt")
                .downloadContent().toString();
        assertThat(error).contains("'..' segment").contains("hr/../lease");
    }

    @Test
    void anEventThatCannotBeReadFailsTheInvocationInsteadOfBeingAcknowledged() {
        TestExecutionContext context = new TestExecutionContext("inboundFile");

        assertThatThrownBy(() -> function.run("{\"topic\": \"/subscriptions/cut off", context))
                .hasMessageContaining("will be retried").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> function.run("[" + blobCreated("inbound", "a/b.csv") + ","
                + blobCreated("inbound", "a/c.csv") + "]", context))
                .hasMessageContaining("an array of 2");
    }

    /**
     * A BlobCreated event as Event Grid delivers it (learn.microsoft.com/azure/event-grid/event-schema-blob-storage).
     */
    static String blobCreated(String container, String blobName) {
        return """
                {"topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/\
                Microsoft.Storage/storageAccounts/devstoreaccount1",
                 "subject": "/blobServices/default/containers/%1$s/blobs/%2$s",
                 "eventType": "Microsoft.Storage.BlobCreated", "id": "831e1650-001e-001b-66ab-eeb76e069631",
                 "data": {"api": "PutBlob", "contentType": "text/csv", "blobType": "BlockBlob",
                          "url": "https://devstoreaccount1.blob.core.windows.net/%1$s/%2$s"},
                 "dataVersion": "", "metadataVersion": "1", "eventTime": "2026-11-28T06:00:00.000Z"}
                """.formatted(container, blobName);
    }
}
