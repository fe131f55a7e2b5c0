package io.entrasync.sync;

import io.entrasync.support.EmulatorExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.entrasync.support.CrashingStateStore;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.run.FileRunResult;
import io.entrasync.source.rest.ApiPresets;
import io.entrasync.sync.ApiSyncResult.Outcome;

/**
 * Scheduled sync of an HR API source end to end: a SuccessFactors stub (several pages, a throttled page, a malformed
 * entry), Azurite for state and containers, the emulator over real HTTP for bulkUpload.
 */
class ApiSyncRunnerTest {

    private static final String SOURCE = SuccessFactorsStub.SOURCE;
    private static final int CALLS = 4; // 179 records in batches of 50
    private static final String STORED = "2024-04-01T00:00:00Z";
    private static final Instant NEXT = SuccessFactorsStub.LAST_CHANGE;

    private static final EmulatorSettings EMULATOR = EmulatorSettings.fast().withPort(0);
    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EMULATOR);
    private ProvisioningEmulator emulator;
    private SuccessFactorsStub api;
    private ApiSyncFixture fixture;

    @BeforeEach
    void fresh() {
        emulator = RUNNING.emulator();
        api = new SuccessFactorsStub();
        fixture = new ApiSyncFixture(emulator, api);
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void aSyncSendsEveryPageThroughThePipelineReportsTheMalformedEntryAndMovesTheWatermark() throws Exception {
        api.stubPages(null);
        api.stubNoChangesSince(NEXT);

        ApiSyncResult first = fixture.runner().sync(SOURCE, false);

        assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(first.watermarkBefore()).isEmpty();
        assertThat(first.watermarkAfter()).contains(NEXT.toString());
        assertThat(api.waits).as("the throttled page's Retry-After").containsExactly(Duration.ofSeconds(2));
        assertThat(emulator.stats().calls().accepted()).isEqualTo(CALLS);
        emulator.awaitIdle(Duration.ofSeconds(10));
        assertThat(emulator.users()).hasSize(SuccessFactorsStub.RECORDS);
        assertThat(emulator.user("u0")).isPresent();

        FileRunResult run = first.runs().get(0);
        String folder = run.reportName().orElseThrow().replace(".report.json", "");
        assertThat(folder).as("no watermark yet: a full read")
                .matches("sf/[0-9T]+Z-[0-9a-f]{8}/api-full-[0-9T]+Z\\.jsonl");
        JsonNode report = fixture.mapper.readTree(fixture.processedText(folder + ".report.json"));
        assertThat(report.path("status").asText()).isEqualTo("completed");
        assertThat(report.path("records").path("read").asLong()).isEqualTo(SuccessFactorsStub.ENTRIES);
        assertThat(report.path("records").path("accepted").asLong()).isEqualTo(SuccessFactorsStub.RECORDS);
        assertThat(report.path("records").path("rejected").asLong()).isEqualTo(1);
        assertThat(report.path("rejected").get(0).path("reason").asText())
                .contains("source 'sf', " + SuccessFactorsStub.MALFORMED_AT + ": ").contains("'userId'");

        Map<Long, String[]> results = resultsByLine(fixture.processedText(folder + ".results.csv"));
        assertThat(results).as("one line per API entry").hasSize(SuccessFactorsStub.ENTRIES);
        assertThat(results.get(120L)[2]).isEqualTo("rejected");
        assertThat(results.get(120L)[3]).contains(SuccessFactorsStub.MALFORMED_AT);
        assertThat(results.values()).filteredOn(line -> line[2].equals("accepted"))
                .hasSize(SuccessFactorsStub.RECORDS);
        // the spool moved to processed beside its reports; nothing waits in the spool container
        assertThat(fixture.processedText(folder)).contains("\"location\":\"page 3, record 60\"");
        assertThat(fixture.spooled()).isEmpty();
        assertThat(fixture.syncState().pending()).isNull();
        assertThat(fixture.syncState().advancedByRun()).isEqualTo(folder.split("/", -1)[1]);

        ApiSyncResult second = fixture.runner().sync(SOURCE, false);

        assertThat(second.outcome()).as(second.message()).isEqualTo(Outcome.NOTHING_CHANGED);
        assertThat(second.watermarkAfter()).contains(NEXT.toString());
        assertThat(emulator.stats().calls().accepted()).isEqualTo(CALLS);
        api.server.verify(1, getRequestedFor(urlPathEqualTo(SuccessFactorsStub.PATH))
                .withQueryParam("$filter", equalTo(SuccessFactorsStub.filterFor(NEXT))));
    }

    @Test
    void aCrashAfterTheSpoolWasUploadedLeavesTheWatermarkAndTheNextSyncResumesTheSpoolThenAdvances() throws Exception {
        fixture.storeWatermark(STORED);
        api.stubPages(null);
        api.stubNoChangesSince(NEXT);
        // run-state writes: create, attempt, then one per accepted call; die when saving the second call's checkpoint
        CrashingStateStore crashing = new CrashingStateStore(fixture.state, "/files/", 4);

        assertThatThrownBy(() -> fixture.runner(crashing).sync(SOURCE, false))
                .isInstanceOf(CrashingStateStore.SimulatedCrash.class);

        long sentBeforeCrash = emulator.stats().calls().accepted();
        // the second call was answered; later calls may already have been in flight (upload.max-in-flight)
        assertThat(sentBeforeCrash).isBetween(2L, (long) CALLS);
        SyncState afterCrash = fixture.syncState();
        assertThat(afterCrash.watermark()).as("the watermark never passes unaccepted data").isEqualTo(STORED);
        assertThat(afterCrash.pending()).isNotNull();
        assertThat(afterCrash.pending().nextWatermark()).isEqualTo(NEXT.toString());
        assertThat(afterCrash.pending().blobName()).startsWith("sf/api-delta-");
        assertThat(fixture.spooled()).containsExactly(afterCrash.pending().blobName());

        ApiSyncResult resumed = fixture.runner().sync(SOURCE, false);

        assertThat(resumed.outcome()).as(resumed.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(resumed.watermarkBefore()).contains(STORED);
        assertThat(resumed.watermarkAfter()).contains(NEXT.toString());
        assertThat(resumed.runs()).first().satisfies(run -> assertThat(run.outcome())
                .isEqualTo(FileRunResult.Outcome.PROCESSED));
        // the spool was resumed, not read again: page 1 of the old delta was fetched once
        api.server.verify(1, getRequestedFor(urlPathEqualTo(SuccessFactorsStub.PATH))
                .withQueryParam("$skiptoken", absent())
                .withQueryParam("$filter", equalTo(SuccessFactorsStub.filterFor(Instant.parse(STORED)))));
        // only the calls in flight when the process died (not yet checkpointed) went out twice
        assertThat(emulator.stats().calls().accepted()).isBetween((long) CALLS, (long) CALLS + sentBeforeCrash - 1);
        String folder = resumed.runs().get(0).reportName().orElseThrow().replace(".report.json", "");
        Map<Long, String[]> results = resultsByLine(fixture.processedText(folder + ".results.csv"));
        assertThat(results).hasSize(SuccessFactorsStub.ENTRIES);
        assertThat(results.values()).filteredOn(line -> line[2].equals("accepted"))
                .hasSize(SuccessFactorsStub.RECORDS);
        emulator.awaitIdle(Duration.ofSeconds(10));
        assertThat(emulator.users()).hasSize(SuccessFactorsStub.RECORDS);
        assertThat(fixture.syncState().pending()).isNull();
        assertThat(fixture.spooled()).isEmpty();
    }

    @Test
    void aCrashAfterTheRunCompletedButBeforeTheWatermarkWasSavedAdvancesWithoutSendingAgain() {
        fixture.storeWatermark(STORED);
        api.stubPages(null);
        api.stubNoChangesSince(NEXT);
        // watermark.json writes (after the stored one): the pending spool, then the advance: die at the advance
        CrashingStateStore crashing = new CrashingStateStore(fixture.state, "watermark.json", 2);

        assertThatThrownBy(() -> fixture.runner(crashing).sync(SOURCE, false))
                .isInstanceOf(CrashingStateStore.SimulatedCrash.class);
        assertThat(fixture.syncState().watermark()).isEqualTo(STORED);
        assertThat(fixture.spooled()).as("the run completed and moved its spool").isEmpty();

        ApiSyncResult next = fixture.runner().sync(SOURCE, false);

        assertThat(next.outcome()).as(next.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(next.runs().get(0).outcome()).isEqualTo(FileRunResult.Outcome.GONE);
        assertThat(next.watermarkAfter()).contains(NEXT.toString());
        assertThat(emulator.stats().calls().accepted()).as("nothing sent again").isEqualTo(CALLS);
    }

    @Test
    void aQuotaDeferralKeepsTheWatermarkUntilTheSpoolIsFinished() {
        fixture.storeWatermark(STORED);
        api.stubPages(null);
        api.stubNoChangesSince(NEXT);

        ApiSyncResult deferred = fixture.withDailyCalls(2).runner().sync(SOURCE, false);

        assertThat(deferred.outcome()).as(deferred.message()).isEqualTo(Outcome.DEFERRED);
        assertThat(deferred.watermarkAfter()).contains(STORED);
        assertThat(deferred.message()).contains("resumed first by the next sync");
        assertThat(emulator.stats().calls().accepted()).isEqualTo(2);
        assertThat(fixture.spooled()).hasSize(1);

        ApiSyncResult finished = fixture.withDailyCalls(2000).runner().sync(SOURCE, false);

        assertThat(finished.outcome()).as(finished.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(finished.watermarkAfter()).contains(NEXT.toString());
        assertThat(emulator.stats().calls().accepted()).isEqualTo(CALLS);
        assertThat(fixture.spooled()).isEmpty();
    }

    @Test
    void aReadThatFailsOnAPageSendsNothingAndKeepsTheWatermark() {
        fixture.storeWatermark(STORED);
        api.stubPages(aResponse().withStatus(503).withBody("Service Unavailable"));

        ApiSyncResult result = fixture.runner().sync(SOURCE, false);

        assertThat(result.outcome()).isEqualTo(Outcome.READ_FAILED);
        assertThat(result.message()).contains("source 'sf', page 3: ").contains("HTTP 503")
                .contains("the watermark stays");
        assertThat(result.watermarkAfter()).contains(STORED);
        assertThat(fixture.syncState().pending()).isNull();
        assertThat(fixture.spooled()).isEmpty();
        assertThat(emulator.stats().calls().accepted()).isZero();
    }

    @Test
    void aFullSyncIgnoresTheWatermarkAndStillMovesIt() {
        fixture.storeWatermark(STORED);
        api.stubPages(null);

        ApiSyncResult result = fixture.runner().sync(SOURCE, true);

        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.watermarkAfter()).contains(NEXT.toString());
        api.server.verify(0, getRequestedFor(urlPathEqualTo(SuccessFactorsStub.PATH))
                .withQueryParam("$filter", equalTo(SuccessFactorsStub.filterFor(Instant.parse(STORED)))));
        api.server.verify(1, getRequestedFor(urlPathEqualTo(SuccessFactorsStub.PATH))
                .withQueryParam("$skiptoken", absent())
                .withQueryParam("$filter", equalTo(ApiPresets.SUCCESSFACTORS_ALL_STATUSES)));
    }

    @Test
    void anHrApiThatKeepsFailingIsLeftAloneUntilTheNextAttemptTimeKeptInBlobState() {
        fixture.storeWatermark(STORED);
        api.server.stubFor(SuccessFactorsStub.pageRequest(null).willReturn(aResponse().withStatus(503)
                .withBody("<html><body>Service Unavailable</body></html>")));
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");

        // every sync is a new instance (as Functions recycles them): only blob state connects them
        for (int failed = 1; failed <= 3; failed++) {
            ApiSyncResult result = fixture.runner(at(t0.plus(Duration.ofMinutes(failed)))).sync(SOURCE, false);
            assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.READ_FAILED);
            assertThat(fixture.syncState().circuit().failedReads()).isEqualTo(failed);
        }
        Instant nextAttempt = t0.plus(Duration.ofMinutes(3)).plus(Duration.ofMinutes(30));
        assertThat(fixture.syncState().circuit().nextAttemptAt()).isEqualTo(nextAttempt);
        assertThat(fixture.syncState().circuit().lastError()).contains("source 'sf', page 1: ").contains("HTTP 503");
        int requests = api.server.getAllServeEvents().size();
        assertThat(requests).as("three attempts per read").isEqualTo(9);

        ApiSyncRunner tenMinutesLater = fixture.runner(at(t0.plus(Duration.ofMinutes(13))));
        ApiSyncResult paused = tenMinutesLater.sync(SOURCE, false);

        assertThat(paused.outcome()).isEqualTo(Outcome.PAUSED);
        assertThat(paused.message()).contains("failed 3 reads in a row").contains("not read until " + nextAttempt);
        assertThat(api.server.getAllServeEvents()).as("not called while paused").hasSize(requests);
        assertThat(tenMinutesLater.circuitStatus(SOURCE)).hasValueSatisfying(line -> assertThat(line)
                .startsWith("HR API: paused after 3 failed reads in a row; next attempt at " + nextAttempt));

        // the HR API is back: the first sync after the next attempt time reads, sends, and closes the circuit
        api.server.resetAll();
        api.stubPages(null);
        ApiSyncRunner later = fixture.runner(at(nextAttempt.plusSeconds(60)));
        ApiSyncResult back = later.sync(SOURCE, false);

        assertThat(back.outcome()).as(back.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(fixture.syncState().circuit()).isNull();
        assertThat(later.circuitStatus(SOURCE))
                .contains("HR API: reading normally (paused after 3 failed reads in a row)");
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void anUnknownSourceIsNamedWithTheConfiguredOnes() {
        assertThatThrownBy(() -> fixture.runner().sync("payroll", false))
                .hasMessageContaining("No API source named 'payroll'").hasMessageContaining("[sf]");
    }

    static Map<Long, String[]> resultsByLine(String csv) {
        Map<Long, String[]> byLine = new HashMap<>();
        List<String> lines = csv.lines().skip(1).toList();
        for (String line : lines) {
            String[] fields = line.split(",", 4);
            byLine.put(Long.parseLong(fields[0]), fields);
        }
        return byLine;
    }
}
