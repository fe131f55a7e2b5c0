package io.entrasync.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;

import io.entrasync.support.EmulatorResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The standalone runner's door: halted unless `run` resumes it, and processing what waits in inbound when it polls. */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class InboundPollerTest {

    @Inject
    InboundPoller poller;

    @Inject
    Scheduler scheduler;

    @Inject
    BlobServiceClient blobs;

    @Test
    void theSchedulerDoesNotFireOutsideTheRunCommand() {
        assertThat(scheduler.isRunning()).isFalse();
    }

    @Test
    void aPollProcessesEveryWaitingExtract() throws Exception {
        byte[] two = Files.readAllBytes(Path.of("samples/extracts/csv-with-2-records.csv"));
        BlobContainerClient inbound = blobs.getBlobContainerClient("inbound");
        inbound.createIfNotExists();
        inbound.getBlobClient("hr/poll-a.csv").upload(BinaryData.fromBytes(two), true);
        inbound.getBlobClient("nowhere.csv").upload(BinaryData.fromBytes(two), true);
        long callsBefore = EmulatorResource.emulator().stats().calls().accepted();

        poller.poll();

        assertThat(inbound.listBlobs()).isEmpty();
        assertThat(blobs.getBlobContainerClient("failed").getBlobClient("nowhere.csv.error.txt").exists()).isTrue();
        assertThat(EmulatorResource.emulator().stats().calls().accepted()).isEqualTo(callsBefore + 1);
    }
}
