package io.entrasync.delta;

import io.entrasync.support.EmulatorExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import static io.entrasync.delta.DeltaFixture.csv;
import static io.entrasync.delta.DeltaFixture.runIdOf;
import static io.entrasync.delta.DeltaFixture.worker;
import static io.entrasync.delta.DeltaFixture.workers;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.LogEntry;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.emulator.UserView;
import io.entrasync.ledger.LedgerCall;
import io.entrasync.ledger.LedgerRecord;
import io.entrasync.reconcile.WaitResult;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.FileRunResult.Outcome;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.scim.ScimSchemas;

/** Delta runs, leavers and the mass-change guard through the drop-a-file pipeline, Azurite and the emulator. */
class DeltaRunTest {

    private static final EmulatorSettings EMULATOR = EmulatorSettings.fast().withPort(0)
            .withReportsCallsPerWindow(1000, Duration.ofSeconds(1));
    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EMULATOR);
    private ProvisioningEmulator emulator;
    private DeltaFixture fixture;

    @BeforeEach
    void fresh() {
        emulator = RUNNING.emulator();
        fixture = new DeltaFixture(emulator);
    }

    @Test
    void anUnchangedReDropSendsNothingAndReportsEveryRecordUnchanged() throws Exception {
        String extract = csv(worker("100", ""), worker("101", "100"), worker("102", "100"));
        assertThat(fixture.drop("day1.csv", extract).outcome()).isEqualTo(Outcome.PROCESSED);
        long callsAfterFirst = emulator.stats().calls().accepted();

        FileRunResult second = fixture.drop("day2.csv", extract);

        assertThat(second.outcome()).as(second.message()).isEqualTo(Outcome.PROCESSED);
        assertThat(callsAfterFirst).isEqualTo(1);
        assertThat(emulator.stats().calls().accepted()).as("no call for an unchanged extract").isEqualTo(1);
        assertThat(fixture.results(second).values()).extracting(line -> line.get(1)).containsOnly("unchanged");
        JsonNode report = fixture.report(second);
        assertThat(report.path("records").path("unchanged").asLong()).isEqualTo(3);
        assertThat(report.path("plan").path("mode").asText()).isEqualTo("delta");
        assertThat(report.path("plan").path("unchanged").asLong()).isEqualTo(3);
        assertThat(report.path("calls").path("total").asLong()).isZero();
    }

    @Test
    void oneChangedFieldSendsOnlyThatRecord() throws Exception {
        fixture.drop("day1.csv", csv(worker("100", ""), worker("101", "100"), worker("102", "100")));
        emulator.awaitIdle(Duration.ofSeconds(10));
        int entriesBefore = emulator.logEntries().size();

        FileRunResult second = fixture.drop("day2.csv",
                csv(worker("100", ""), worker("101", "100", "Marketing"), worker("102", "100")));

        assertThat(second.outcome()).isEqualTo(Outcome.PROCESSED);
        assertThat(emulator.stats().calls().accepted()).isEqualTo(2);
        emulator.awaitIdle(Duration.ofSeconds(10));
        List<LogEntry> newEntries = emulator.logEntries().subList(entriesBefore, emulator.logEntries().size());
        assertThat(newEntries).extracting(LogEntry::sourceId).containsOnly("101");
        Map<String, List<String>> lines = fixture.results(second);
        assertThat(lines.get("101").get(1)).isEqualTo("accepted");
        assertThat(lines.get("100").get(1)).isEqualTo("unchanged");
        assertThat(lines.get("102").get(1)).isEqualTo("unchanged");
        assertThat(emulator.user("101").orElseThrow().attributes().path(ScimSchemas.ENTERPRISE_USER)
                .path("department").asText()).isEqualTo("Marketing");
        assertThat(fixture.report(second).path("plan").path("updates").asLong()).isEqualTo(1);
    }

    @Test
    void aRemovedRecordIsDisabledWithItsFullLastRecordAndNeverDeleted() throws Exception {
        fixture.withDelta(delta -> delta.withFullExtract(true)
                .withGuard(new DeltaSettings.Guard(0.5, OptionalLong.empty(), OptionalLong.empty(), 0.2)));
        FileRunResult first = fixture.drop("day1.csv",
                csv(worker("100", ""), worker("101", "100", "Finance"), worker("102", "100")));

        FileRunResult second = fixture.drop("day2.csv", csv(worker("100", ""), worker("102", "100")));

        assertThat(second.outcome()).as(second.message()).isEqualTo(Outcome.PROCESSED);
        emulator.awaitIdle(Duration.ofSeconds(10));
        UserView leaver = emulator.user("101").orElseThrow();
        assertThat(leaver.accountEnabled()).isFalse();
        assertThat(leaver.displayName()).isEqualTo("First101 Last101");
        assertThat(leaver.attributes().path(ScimSchemas.ENTERPRISE_USER).path("department").asText())
                .isEqualTo("Finance");
        assertThat(emulator.users()).hasSize(3);
        // what was sent: the complete record of day 1, only active changed
        LedgerRecord sent = sentRecords(runIdOf(second)).stream().filter(r -> r.externalId().equals("101"))
                .findFirst().orElseThrow();
        LedgerRecord before = sentRecords(runIdOf(first)).stream().filter(r -> r.externalId().equals("101"))
                .findFirst().orElseThrow();
        JsonNode expected = before.user().deepCopy();
        ((ObjectNode) expected).put("active", false);
        assertThat(sent.user()).isEqualTo(expected);
        Map<String, List<String>> lines = fixture.results(second);
        assertThat(lines.get("101").get(0)).as("not a line of the extract").isEqualTo("0");
        assertThat(lines.get("101").get(1)).isEqualTo("accepted");
        assertThat(lines.get("101").get(2)).startsWith("leaver: disabled");
        assertThat(fixture.report(second).path("plan").path("disables").asLong()).isEqualTo(1);

        // still missing next time: already disabled, nothing sent again
        long calls = emulator.stats().calls().accepted();
        FileRunResult third = fixture.drop("day3.csv", csv(worker("102", "100"), worker("100", "")));
        assertThat(third.outcome()).isEqualTo(Outcome.PROCESSED);
        assertThat(emulator.stats().calls().accepted()).isEqualTo(calls);
    }

    @Test
    void aLeaverIsDisabledOnlyAfterTheGrace() throws Exception {
        fixture.withDelta(delta -> delta.withFullExtract(true).withLeaverGrace(2)
                .withGuard(new DeltaSettings.Guard(0.5, OptionalLong.empty(), OptionalLong.empty(), 0.2)));
        fixture.drop("day1.csv", csv(worker("100", ""), worker("101", "100"), worker("102", "100")));

        FileRunResult second = fixture.drop("day2.csv", csv(worker("100", ""), worker("102", "100")));
        assertThat(emulator.stats().calls().accepted()).isEqualTo(1);
        assertThat(fixture.results(second).get("101").get(2)).contains("missing from this complete extract (1 of 2)");

        FileRunResult third = fixture.drop("day3.csv", csv(worker("102", "100"), worker("100", "")));
        assertThat(third.outcome()).isEqualTo(Outcome.PROCESSED);
        emulator.awaitIdle(Duration.ofSeconds(10));
        assertThat(emulator.stats().calls().accepted()).isEqualTo(2);
        assertThat(emulator.user("101").orElseThrow().accountEnabled()).isFalse();
        assertThat(fixture.results(third).get("101").get(2)).contains("missing from 2 consecutive");
    }

    @Test
    void aTruncatedExtractIsHeldUntilApprovedThenSent() throws Exception {
        fixture.withDelta(delta -> delta.withFullExtract(true));
        fixture.drop("day1.csv", csv(workers(100, 10)));

        FileRunResult held = fixture.drop("day2.csv", csv(workers(100, 1)));

        assertThat(held.outcome()).isEqualTo(Outcome.HELD);
        assertThat(emulator.stats().calls().accepted()).isEqualTo(1);
        assertThat(fixture.zone.inboundExists("hr/day2.csv")).as("the extract waits in inbound").isTrue();
        JsonNode report = fixture.report(held);
        assertThat(report.path("status").asText()).isEqualTo("held");
        assertThat(report.path("plan").path("held").asBoolean()).isTrue();
        assertThat(report.path("plan").path("disables").asLong()).isEqualTo(9);
        assertThat(report.path("plan").path("holdReasons").toString()).contains("truncated", "disables");
        assertThat(report.path("plan").path("approval").asText()).contains("approve --source hr --run "
                + runIdOf(held));
        Map<String, List<String>> lines = fixture.results(held);
        assertThat(lines).hasSize(10);
        assertThat(lines.get("105").get(1)).isEqualTo("held");
        assertThat(lines.get("100").get(1)).isEqualTo("unchanged");

        // delivered again: still held, still nothing sent
        assertThat(fixture.processor().process("hr/day2.csv").outcome()).isEqualTo(Outcome.HELD);
        assertThat(emulator.stats().calls().accepted()).isEqualTo(1);

        fixture.deltas.state().approve("hr", runIdOf(held), "test", Instant.now());
        FileRunResult approved = fixture.processor().process("hr/day2.csv");

        assertThat(approved.outcome()).as(approved.message()).isEqualTo(Outcome.PROCESSED);
        emulator.awaitIdle(Duration.ofSeconds(10));
        assertThat(emulator.users()).filteredOn(user -> !user.accountEnabled()).hasSize(9);
        assertThat(fixture.report(approved).path("plan").path("approval").asText()).contains("approved by test");
        assertThat(fixture.zone.inboundExists("hr/day2.csv")).isFalse();
    }

    @Test
    void aHeldRunIsLeftAloneByTheTimerSweepUntilApprovedThenResumedWithoutANewBlobEvent() throws Exception {
        fixture.withDelta(delta -> delta.withFullExtract(true));
        fixture.drop("day1.csv", csv(workers(100, 10)));
        FileRunResult held = fixture.drop("day2.csv", csv(workers(100, 1)));
        assertThat(held.outcome()).isEqualTo(Outcome.HELD);

        InboundFileProcessor.Sweep waiting = fixture.processor().processDue(true);
        assertThat(waiting.processed()).isEmpty();
        assertThat(waiting.stillWaiting()).containsExactly("hr/day2.csv");

        // Approved as in Azure, without the CLI: the approval blob only; nobody drops the extract again.
        fixture.deltas.state().approve("hr", runIdOf(held), "test", Instant.now());
        InboundFileProcessor.Sweep resumed = fixture.processor().processDue(true);

        assertThat(resumed.processed()).hasSize(1);
        assertThat(resumed.processed().get(0).outcome()).as(resumed.processed().get(0).message())
                .isEqualTo(Outcome.PROCESSED);
        emulator.awaitIdle(Duration.ofSeconds(10));
        assertThat(emulator.users()).filteredOn(user -> !user.accountEnabled()).hasSize(9);
        assertThat(fixture.zone.inboundExists("hr/day2.csv")).isFalse();
    }

    @Test
    void anEmptyExtractIsAlwaysHeld() throws Exception {
        fixture.drop("day1.csv", csv(workers(100, 3)));

        FileRunResult empty = fixture.drop("day2.csv", csv());

        assertThat(empty.outcome()).isEqualTo(Outcome.HELD);
        assertThat(fixture.report(empty).path("plan").path("holdReasons").toString()).contains("no rows");
    }

    @Test
    void aRecordTheServiceFailedIsSentAgainByTheNextDeltaRun() throws Exception {
        emulator.updateSettings(settings -> settings.withFailingExternalIds("202", "EmulatorInjectedFailure", false));
        String extract = csv(worker("200", ""), worker("201", ""), worker("202", ""));
        fixture.drop("day1.csv", extract);
        emulator.awaitIdle(Duration.ofSeconds(10));
        WaitResult first = fixture.reconciler().reconcileUntilFinal("hr", Optional.empty(), Duration.ofSeconds(30));
        assertThat(first.complete()).as(first.describe()).isTrue();
        assertThat(new FailedRecords(fixture.state, fixture.mapper).load("hr")).containsOnlyKeys("202");
        emulator.updateSettings(settings -> EMULATOR);

        // the same records in another order: other bytes, so another run id even within the same second
        FileRunResult second = fixture.drop("day2.csv", csv(worker("202", ""), worker("201", ""), worker("200", "")));

        assertThat(emulator.stats().calls().accepted()).isEqualTo(2);
        Map<String, List<String>> lines = fixture.results(second);
        assertThat(lines.get("202").get(1)).isEqualTo("accepted");
        assertThat(lines.get("202").get(2)).contains("sent again", "service-failed", "EmulatorInjectedFailure");
        assertThat(lines.get("200").get(1)).isEqualTo("unchanged");
        assertThat(sentRecords(runIdOf(second))).extracting(LedgerRecord::externalId).containsExactly("202");
        emulator.awaitIdle(Duration.ofSeconds(10));
        WaitResult again = fixture.reconciler().reconcileUntilFinal("hr", Optional.empty(), Duration.ofSeconds(30));
        assertThat(again.complete()).as(again.describe()).isTrue();
        assertThat(fixture.results(second).get("202").get(1)).isIn("created", "updated");
        assertThat(new FailedRecords(fixture.state, fixture.mapper).load("hr")).as("the success clears the mark")
                .isEmpty();

        FileRunResult third = fixture.drop("day3.csv", csv(worker("201", ""), worker("200", ""), worker("202", "")));
        assertThat(fixture.results(third).values()).extracting(line -> line.get(1)).containsOnly("unchanged");
    }

    @Test
    void onlyRecordsOfAcceptedCallsEnterTheSnapshot() throws Exception {
        fixture.withDailyCalls(1);
        List<String> rows = workers(300, 60);

        FileRunResult deferred = fixture.drop("day1.csv", csv(rows));

        assertThat(deferred.outcome()).isEqualTo(Outcome.DEFERRED);
        SnapshotManifest snapshot = fixture.deltas.snapshots().current("hr").manifest();
        assertThat(snapshot.records()).as("the 50 records of the one accepted call").isEqualTo(50);

        // a new extract with the same rows: only the 10 never sent are sent
        fixture.withDailyCalls(2000);
        FileRunResult next = fixture.drop("day2.csv", csv(rows));
        assertThat(next.outcome()).isEqualTo(Outcome.PROCESSED);
        Map<String, List<String>> lines = fixture.results(next);
        assertThat(lines.values().stream().filter(line -> line.get(1).equals("accepted")).count()).isEqualTo(10);
        assertThat(lines.values().stream().filter(line -> line.get(1).equals("unchanged")).count()).isEqualTo(50);
        assertThat(fixture.deltas.snapshots().current("hr").manifest().records()).isEqualTo(60);
    }

    @Test
    void aFullRunSendsEverything() throws Exception {
        String extract = csv(worker("100", ""), worker("101", "100"));
        fixture.drop("day1.csv", extract);
        fixture.deltas.state().requestFullRun("hr", "test", Instant.now());

        FileRunResult full = fixture.drop("day2.csv", extract);

        assertThat(emulator.stats().calls().accepted()).isEqualTo(2);
        assertThat(fixture.report(full).path("plan").path("mode").asText()).startsWith("full");
        FileRunResult after = fixture.drop("day3.csv", extract);
        assertThat(fixture.report(after).path("plan").path("mode").asText()).as("the request is used once")
                .isEqualTo("delta");
        assertThat(emulator.stats().calls().accepted()).isEqualTo(2);
    }

    private List<LedgerRecord> sentRecords(String runId) {
        List<LedgerRecord> records = new ArrayList<>();
        for (LedgerCall call : fixture.ledger.calls("hr", runId)) {
            records.addAll(call.records());
        }
        return records;
    }
}
