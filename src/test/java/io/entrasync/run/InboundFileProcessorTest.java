package io.entrasync.run;

import io.entrasync.support.EmulatorExtension;
import org.assertj.core.groups.Tuple;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.entrasync.support.CrashingStateStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.entrasync.config.SourceConfig;

import com.azure.core.util.Context;
import com.azure.storage.blob.options.BlobBreakLeaseOptions;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.run.FileRunResult.Outcome;
import io.entrasync.state.LeaseUnavailableException;
import io.entrasync.upload.UploadSettings;

/** The drop-a-file workflow against Azurite and the emulator over real HTTP. */
class InboundFileProcessorTest {

    private static final String BLOB = "hr/workers.csv";
    private static final int SAMPLE_ROWS = 1000;
    private static final int SAMPLE_UPLOADABLE = 359;
    private static final int SAMPLE_CALLS = 8;

    private static final EmulatorSettings EMULATOR = EmulatorSettings.fast().withPort(0);
    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EMULATOR);
    private ProvisioningEmulator emulator;
    private DropFileFixture fixture;

    @BeforeEach
    void freshContainers() {
        emulator = RUNNING.emulator();
        fixture = new DropFileFixture(emulator);
    }

    @Test
    void aDroppedExtractIsUploadedMovedAndReportedRecordByRecord() throws Exception {
        fixture.drop(BLOB, DropFileFixture.SAMPLE_1000);

        FileRunResult result = fixture.processor().process(BLOB);

        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.PROCESSED);
        assertThat(emulator.stats().calls().accepted()).isEqualTo(SAMPLE_CALLS);
        assertThat(fixture.zone.inboundExists(BLOB)).isFalse();
        String folder = result.reportName().orElseThrow().replace(".report.json", "");
        assertThat(fixture.processedText(folder)).isEqualTo(Files.readString(DropFileFixture.SAMPLE_1000));

        JsonNode report = fixture.mapper.readTree(fixture.processedText(folder + ".report.json"));
        assertThat(report.path("status").asText()).isEqualTo("completed");
        assertThat(report.path("records").path("read").asLong()).isEqualTo(SAMPLE_ROWS);
        assertThat(report.path("records").path("accepted").asLong()).isEqualTo(SAMPLE_UPLOADABLE);
        assertThat(report.path("records").path("rejected").asLong()).isEqualTo(SAMPLE_ROWS - SAMPLE_UPLOADABLE);
        assertThat(report.path("calls").path("accepted").asLong()).isEqualTo(SAMPLE_CALLS);
        assertThat(report.path("quota").path("used").asLong()).isEqualTo(SAMPLE_CALLS);

        Map<Long, String[]> results = resultsByLine(fixture.processedText(folder + ".results.csv"));
        assertThat(results).hasSize(SAMPLE_ROWS);
        assertThat(results.values()).filteredOn(line -> line[2].equals("accepted")).hasSize(SAMPLE_UPLOADABLE);
        // line 2 is WorkerID 1222, shared with other people in the file: rejected, naming the other lines
        assertThat(results.get(2L)[1]).isEqualTo("1222");
        assertThat(results.get(2L)[2]).isEqualTo("rejected");
        assertThat(results.get(2L)[3]).contains("also on line");
    }

    @Test
    void aSecondDeliveryOfTheSameBlobUploadsNothing() throws Exception {
        fixture.drop(BLOB, DropFileFixture.SAMPLE_1000);
        InboundFileProcessor processor = fixture.processor();
        assertThat(processor.process(BLOB).outcome()).isEqualTo(Outcome.PROCESSED);

        // at-least-once delivery: the same event again after the blob moved, and the same blob dropped again
        assertThat(processor.process(BLOB).outcome()).isEqualTo(Outcome.GONE);
        fixture.drop(BLOB, DropFileFixture.SAMPLE_1000);
        assertThat(processor.process(BLOB).outcome()).isEqualTo(Outcome.DUPLICATE);

        assertThat(emulator.stats().calls().accepted()).isEqualTo(SAMPLE_CALLS);
        assertThat(fixture.zone.inboundExists(BLOB)).isFalse();
    }

    @Test
    void aRunKilledBetweenCallsResumesAfterTheLastAcceptedCall() throws Exception {
        long seed = System.nanoTime();
        int killAfterSaves = 3 + new Random(seed).nextInt(SAMPLE_CALLS - 1); // 2 run-state saves precede the first call
        fixture.drop(BLOB, DropFileFixture.SAMPLE_1000);
        CrashingStateStore crashing = new CrashingStateStore(fixture.state, "/files/", killAfterSaves);

        assertThatThrownBy(() -> fixture.processor(crashing, InboundFileProcessor.Settings.DEFAULT).process(BLOB))
                .as("seed %d", seed).isInstanceOf(CrashingStateStore.SimulatedCrash.class);
        long callsBeforeCrash = emulator.stats().calls().accepted();
        assertThat(fixture.zone.inboundExists(BLOB)).isTrue();

        FileRunResult resumed = fixture.processor().process(BLOB);

        assertThat(resumed.outcome()).as("seed %d", seed).isEqualTo(Outcome.PROCESSED);
        String folder = resumed.reportName().orElseThrow().replace(".report.json", "");
        Map<Long, String[]> results = resultsByLine(fixture.processedText(folder + ".results.csv"));
        assertThat(results).as("every input record has exactly one outcome").hasSize(SAMPLE_ROWS);
        assertThat(results.values()).filteredOn(line -> line[2].equals("accepted")).hasSize(SAMPLE_UPLOADABLE);
        // every batch was sent; at most the calls in flight when the process died (upload.max-in-flight) were sent
        // twice
        assertThat(emulator.stats().calls().accepted()).as("seed %d, crashed after %d calls", seed, callsBeforeCrash)
                .isBetween((long) SAMPLE_CALLS, (long) SAMPLE_CALLS
                        + Math.min(callsBeforeCrash, Integer.parseInt(SourceConfig.DEFAULT_MAX_IN_FLIGHT)));
        emulator.awaitIdle(Duration.ofSeconds(10));
        assertThat(emulator.users()).hasSize(SAMPLE_UPLOADABLE);
    }

    @Test
    void anExtractForAnUnknownSourceGoesToFailedWithTheReason() {
        fixture.drop("payroll/extract.csv", "WorkerID\n1\n".getBytes(StandardCharsets.UTF_8));

        FileRunResult result = fixture.processor().process("payroll/extract.csv");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(fixture.failedText("payroll/extract.csv.error.txt"))
                .contains("No source named 'payroll'").contains("[hr]");
        assertThat(fixture.failedText("payroll/extract.csv")).isEqualTo("WorkerID\n1\n");
        assertThat(fixture.zone.inboundExists("payroll/extract.csv")).isFalse();
        assertThat(emulator.stats().calls().accepted()).isZero();
    }

    @Test
    void anUnusableExtractGoesToFailedWithTheReason() {
        byte[] wrongColumns = "Id;Name\n1;Ann\n".getBytes(StandardCharsets.UTF_8);
        fixture.drop("hr/wrong.csv", wrongColumns);

        FileRunResult result = fixture.processor().process("hr/wrong.csv");

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(fixture.failedText("hr/wrong.csv.error.txt")).contains("WorkerID");
        assertThat(emulator.stats().calls().accepted()).isZero();
    }

    @Test
    void anExtractThatKeepsFailingGoesToFailedAfterTheAttemptLimit() {
        emulator.updateSettings(settings -> settings.withFaults(0, 0, 1.0, 0)
                .withInjectedRetryAfter(Duration.ZERO));
        fixture.drop("hr/small.csv", sampleHead(5));
        InboundFileProcessor processor = fixture.processor(fixture.state,
                new InboundFileProcessor.Settings(2, Duration.ofSeconds(15), Duration.ofSeconds(5),
                Duration.ofMillis(50)));

        assertThat(processor.process("hr/small.csv").outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(processor.process("hr/small.csv").outcome()).isEqualTo(Outcome.RETRY_LATER);
        FileRunResult third = processor.process("hr/small.csv");

        assertThat(third.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(fixture.failedText("hr/small.csv.error.txt")).contains("Gave up after 2 attempts");
    }

    @Test
    void theDailyQuotaDefersTheRestAndTheNextRunSendsIt() throws Exception {
        fixture.withUpload(upload -> upload.withDailyCalls(3));
        fixture.drop(BLOB, DropFileFixture.SAMPLE_1000);

        FileRunResult first = fixture.processor().process(BLOB);

        assertThat(first.outcome()).isEqualTo(Outcome.DEFERRED);
        JsonNode report = fixture.mapper.readTree(fixture.processedText(first.reportName().orElseThrow()));
        assertThat(report.path("records").path("accepted").asLong()).isEqualTo(150);
        assertThat(report.path("records").path("deferred").asLong()).isEqualTo(SAMPLE_UPLOADABLE - 150);
        assertThat(fixture.zone.inboundExists(BLOB)).isTrue();

        fixture.withUpload(upload -> upload.withDailyCalls(2000));
        FileRunResult second = fixture.processor().process(BLOB);

        assertThat(second.outcome()).isEqualTo(Outcome.PROCESSED);
        assertThat(emulator.stats().calls().accepted()).isEqualTo(SAMPLE_CALLS);
        Map<Long, String[]> results = resultsByLine(fixture.processedText(
                second.reportName().orElseThrow().replace(".report.json", ".results.csv")));
        assertThat(results).hasSize(SAMPLE_ROWS);
        assertThat(results.values()).filteredOn(line -> line[2].equals("accepted")).hasSize(SAMPLE_UPLOADABLE);
    }

    @Test
    void aDeferredRunWaitsWithoutBeingDownloadedAgainAndTheTimerSweepResumesItOnceTheQuotaHasRoom() throws Exception {
        fixture.withUpload(upload -> upload.withDailyCalls(3));
        fixture.drop(BLOB, DropFileFixture.SAMPLE_1000);
        fixture.drop("hr/new.csv", sampleHead(3));
        assertThat(fixture.processor().process(BLOB).outcome()).isEqualTo(Outcome.DEFERRED);
        String runState = fixture.state.list("hr/files/").stream().filter(name -> name.endsWith("/workers.csv.json"))
                .findFirst().orElseThrow();
        String etagWhenDeferred = fixture.state.read(runState).orElseThrow().etag();

        // The quota is spent: the sweep neither downloads nor plans nor sends it (its run state is untouched), and
        // the Azure timer leaves a new extract to the Event Grid trigger.
        InboundFileProcessor.Sweep waiting = fixture.processor().processDue(true);
        assertThat(waiting.processed()).isEmpty();
        assertThat(waiting.stillWaiting()).containsExactly(BLOB);
        assertThat(fixture.state.read(runState).orElseThrow().etag()).isEqualTo(etagWhenDeferred);
        assertThat(emulator.stats().calls().accepted()).isEqualTo(3);
        assertThat(fixture.zone.inboundExists("hr/new.csv")).isTrue();

        // Room again (a raised budget here; in a day the oldest calls stop counting): the next sweep resumes it.
        fixture.withUpload(upload -> upload.withDailyCalls(2000));
        InboundFileProcessor.Sweep resumed = fixture.processor().processDue(true);

        assertThat(resumed.processed()).extracting(FileRunResult::blobName, FileRunResult::outcome)
                .containsExactly(Tuple.tuple(BLOB, Outcome.PROCESSED));
        assertThat(resumed.stillWaiting()).isEmpty();
        assertThat(emulator.stats().calls().accepted()).isEqualTo(SAMPLE_CALLS);
        assertThat(fixture.state.list("hr/waiting/")).as("no marker left once it completed").isEmpty();
        // The standalone poller's sweep also takes the new extract.
        assertThat(fixture.processor().processDue(false).processed()).extracting(FileRunResult::blobName)
                .containsExactly("hr/new.csv");
    }

    @Test
    void concurrentDeliveriesForOneSourceRunOneAfterTheOther() throws Exception {
        fixture.drop("hr/a.csv", sampleHead(120));
        fixture.drop("hr/b.csv", sampleTail(120));
        LeaseCountingStateStore counting = new LeaseCountingStateStore(fixture.state);
        InboundFileProcessor processor = fixture.processor(counting,
                new InboundFileProcessor.Settings(3, Duration.ofSeconds(15), Duration.ofSeconds(60),
                Duration.ofMillis(50)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<FileRunResult>> runs = pool.invokeAll(List.<Callable<FileRunResult>>of(
                    () -> processor.process("hr/a.csv"), () -> processor.process("hr/b.csv")));
            for (Future<FileRunResult> run : runs) {
                assertThat(run.get().outcome()).isEqualTo(Outcome.PROCESSED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(counting.maxHeld()).isEqualTo(1);
        assertThat(counting.acquired()).isEqualTo(2);
    }

    @Test
    void aDeliveryThatCannotGetTheLeaseInTimeFailsForARetry() {
        fixture.drop(BLOB, sampleHead(3));
        InboundFileProcessor processor = fixture.processor(fixture.state,
                new InboundFileProcessor.Settings(3, Duration.ofSeconds(15), Duration.ofMillis(300),
                Duration.ofMillis(50)));
        try (var held = fixture.state.acquireLease("hr/lease", Duration.ofSeconds(15))) {
            assertThatThrownBy(() -> processor.process(BLOB)).isInstanceOf(LeaseUnavailableException.class);
        }
        assertThat(processor.process(BLOB).outcome()).isEqualTo(Outcome.PROCESSED);
    }

    @Test
    void aSourceLeaseBrokenAndTakenByAnotherClientStopsTheRunBeforeItsNextCall() throws Exception {
        // One call at a time, each answer held 150 ms: the break lands between calls of a run of 8.
        emulator.updateSettings(settings -> settings.withLatency(Duration.ofMillis(150), Duration.ofMillis(150)));
        fixture.withUpload(upload -> new UploadSettings(upload.sourceName(), upload.target(),
                upload.auth(), upload.pacing(), upload.dailyCalls(), upload.sharingKey(), upload.retries(),
                upload.connectTimeout(), upload.requestTimeout(), 1));
        fixture.drop(BLOB, DropFileFixture.SAMPLE_1000);
        var leaseBlob = fixture.state.container().getBlobClient("hr/lease");
        long[] acceptedAtBreak = {-1};
        String[] otherLease = {null};
        Thread otherClient = new Thread(() -> {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> emulator.stats().calls().accepted() >= 2);
            // Another client, through the real Blob API: break the lease at once, then take it.
            var other = new BlobLeaseClientBuilder().blobClient(leaseBlob)
                    .buildClient();
            other.breakLeaseWithResponse(new BlobBreakLeaseOptions()
                    .setBreakPeriod(Duration.ZERO), null, Context.NONE);
            acceptedAtBreak[0] = emulator.stats().calls().accepted();
            otherLease[0] = other.acquireLease(60);
        });
        otherClient.start();

        FileRunResult interrupted = fixture.processor().process(BLOB);
        otherClient.join();

        assertThat(interrupted.outcome()).as(interrupted.message()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(interrupted.message()).contains("lease on hr/lease").containsPattern("HTTP 409 Lease[A-Za-z]+")
                .contains("another instance may hold it").doesNotContain("<?xml");
        emulator.awaitIdle(Duration.ofSeconds(30));
        long accepted = emulator.stats().calls().accepted();
        assertThat(accepted).as("no call after the break but the one in flight")
                .isLessThanOrEqualTo(acceptedAtBreak[0] + 1).isLessThan(SAMPLE_CALLS);
        // The other client's lease is intact: the stopped run did not release (or renew) it.
        var holder = new BlobLeaseClientBuilder().blobClient(leaseBlob)
                .leaseId(otherLease[0]).buildClient();
        holder.renewLease();
        assertThatThrownBy(() -> fixture.state.acquireLease("hr/lease", Duration.ofSeconds(15)))
                .isInstanceOf(LeaseUnavailableException.class);
        holder.releaseLease();

        FileRunResult resumed = fixture.processor().process(BLOB);
        assertThat(resumed.outcome()).as(resumed.message()).isEqualTo(Outcome.PROCESSED);
        Map<Long, String[]> results = resultsByLine(fixture.processedText(
                resumed.reportName().orElseThrow().replace(".report.json", ".results.csv")));
        assertThat(results).hasSize(SAMPLE_ROWS);
        assertThat(results.values()).filteredOn(line -> line[2].equals("accepted")).hasSize(SAMPLE_UPLOADABLE);
    }

    private static byte[] sampleHead(int rows) {
        return sampleLines(1, rows);
    }

    private static byte[] sampleTail(int rows) {
        return sampleLines(SAMPLE_ROWS - rows + 1, rows);
    }

    /** The header plus {@code rows} data rows of Microsoft's sample starting at data row {@code first} (1-based). */
    private static byte[] sampleLines(int first, int rows) {
        try {
            List<String> lines = Files.readAllLines(DropFileFixture.SAMPLE_1000);
            StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
            lines.subList(first, first + rows).forEach(line -> out.append(line).append('\n'));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** results.csv by input line: [line, externalId, outcome, detail]. */
    static Map<Long, String[]> resultsByLine(String csv) throws IOException {
        Map<Long, String[]> byLine = new HashMap<>();
        AtomicInteger rows = new AtomicInteger();
        try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(csv)) {
            reader.stream().skip(1).forEach(record -> {
                rows.incrementAndGet();
                String[] previous = byLine.put(Long.parseLong(record.getField(0)),
                        record.getFields().toArray(String[]::new));
                assertThat(previous).as("line %s reported twice", record.getField(0)).isNull();
            });
        }
        return byLine;
    }
}
