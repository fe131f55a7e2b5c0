package io.entrasync.reconcile;

import io.entrasync.support.EmulatorExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import static io.entrasync.reconcile.ReconcileFixture.csv;
import static io.entrasync.reconcile.ReconcileFixture.runIdOf;
import static io.entrasync.reconcile.ReconcileFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.LogEntry;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.ledger.LedgerCall;
import io.entrasync.ledger.LedgerRecord;
import io.entrasync.report.RecordOutcome;
import io.entrasync.upload.PacingSettings;

/** Reconciliation against the emulator over real HTTP and Azurite: from "accepted" to the service's outcome. */
class ReconcilerTest {

    private static final EmulatorSettings EMULATOR = EmulatorSettings.fast().withPort(0)
            .withReportsCallsPerWindow(1000, Duration.ofSeconds(1));
    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EMULATOR);
    private ProvisioningEmulator emulator;
    private ReconcileFixture fixture;

    @BeforeEach
    void fresh() {
        emulator = RUNNING.emulator();
        fixture = new ReconcileFixture(emulator);
    }

    @Test
    void everyAcceptedRecordGetsTheServicesOutcomeInResultsAndReport() throws Exception {
        String folder = fixture.dropAndProcess("workers.csv", csv(
                worker("100", "u100", ""),
                worker("101", "u101", "100"),
                worker("102", "u102", "100"),
                "x,,,,,,,,,,,,,,,,,,,,,,,")); // rejected: not a valid record
        emulator.awaitIdle(Duration.ofSeconds(10));

        WaitResult result = fixture.reconciler(ReconcileFixture.settings())
                .reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(), Duration.ofSeconds(90));

        assertThat(result.complete()).as(result.describe()).isTrue();
        assertThat(result.count(RecordOutcome.CREATED)).isEqualTo(3);
        Map<String, List<String>> lines = fixture.results(folder);
        assertThat(lines.get("100").get(0)).isEqualTo("created");
        assertThat(lines.get("101").get(0)).isEqualTo("created");
        assertThat(lines.get("101").get(1)).contains("created in Entra ID");
        assertThat(lines.values()).extracting(line -> line.get(0)).doesNotContain("accepted").contains("rejected");
        JsonNode report = fixture.report(folder);
        assertThat(report.path("reconciliation").path("status").asText()).isEqualTo("complete");
        assertThat(report.path("reconciliation").path("outcomes").path("created").asLong()).isEqualTo(3);
        assertThat(report.path("records").path("byOutcome").path("created").asLong()).isEqualTo(3);
        assertThat(report.path("records").path("byOutcome").has("accepted")).isFalse();
        assertThat(fixture.ledger.isOpen(ReconcileFixture.SOURCE, runIdOf(folder))).isFalse();
    }

    @Test
    void logDelayPagingAndThrottlingDelayButDoNotLoseAnyOutcome() throws Exception {
        emulator.updateSettings(settings -> settings.withLogDelay(Duration.ofSeconds(5))
                .withReportsCallsPerWindow(2, Duration.ofSeconds(1)));
        List<String> rows = new ArrayList<>();
        rows.add(worker("500", "u500", ""));
        for (int i = 501; i < 530; i++) {
            rows.add(worker(Integer.toString(i), "u" + i, "500"));
        }
        String folder = fixture.dropAndProcess("workers.csv", csv(rows.toArray(String[]::new)));
        emulator.awaitIdle(Duration.ofSeconds(10));
        // Paces faster than the emulator allows, so the reports API answers 429 and the client waits and retries.
        Reconciler reconciler = fixture.reconciler(ReconcileFixture.settings().withPageSize(7)
                .withReportsPacing(new PacingSettings(20, Duration.ofSeconds(1))));

        PassResult early = reconciler.reconcile(ReconcileFixture.SOURCE);
        WaitResult result = reconciler.reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(),
                Duration.ofMinutes(2));

        assertThat(early.decided()).as("nothing is visible before the log delay").isEmpty();
        assertThat(early.stillOpen()).isEqualTo(30);
        assertThat(result.complete()).as(result.describe()).isTrue();
        assertThat(result.count(RecordOutcome.CREATED)).isEqualTo(30);
        assertThat(fixture.results(folder).values()).extracting(line -> line.get(0)).containsOnly("created");
        double logRequests = fixture.metrics.registry().get("entrasync.graph.requests").tag("api", "provisioningLogs")
                .counter().count();
        double throttled = fixture.metrics.registry().get("entrasync.graph.throttled").tag("api", "provisioningLogs")
                .counter().count();
        assertThat(logRequests).as("59 entries in pages of 7").isGreaterThanOrEqualTo(9);
        assertThat(throttled).isPositive();
    }

    @Test
    void injectedFailuresAndAUserNameConflictAreFinalWithWhatToFix() throws Exception {
        fixture.dropAndProcess("day1.csv", csv(
                worker("200", "u200", ""),
                worker("205", "Inactive", "u205", "", "Sales")));
        emulator.awaitIdle(Duration.ofSeconds(10));
        Reconciler reconciler = fixture.reconciler(ReconcileFixture.settings());
        assertThat(reconciler.reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(), Duration.ofSeconds(30))
                .complete()).isTrue();
        emulator.updateSettings(settings -> settings.withFailingExternalIds("202", "EmulatorInjectedFailure", false));

        String folder = fixture.dropAndProcess("day2.csv", csv(
                worker("200", "Inactive", "u200", "", "Sales"),
                worker("201", "u200", ""),
                worker("202", "u202", ""),
                worker("203", "u203", ""),
                worker("205", "Active", "u205", "", "Sales")));
        emulator.awaitIdle(Duration.ofSeconds(10));
        WaitResult result = reconciler.reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(),
                Duration.ofSeconds(90));

        assertThat(result.complete()).as(result.describe()).isTrue();
        Map<String, List<String>> lines = fixture.results(folder);
        assertThat(lines.get("200").get(0)).isEqualTo("disabled");
        assertThat(lines.get("205").get(0)).isEqualTo("enabled");
        assertThat(lines.get("203").get(0)).isEqualTo("created");
        assertThat(lines.get("201").get(0)).isEqualTo("service-failed");
        assertThat(lines.get("201").get(1)).contains("AzureActiveDirectoryConflictEntry", "Make userName unique",
                "Final: not sent again; the next extract sends it again once the value is unique")
                .doesNotContain("fix the record in the source data");
        assertThat(lines.get("202").get(0)).isEqualTo("service-failed");
        assertThat(lines.get("202").get(1)).contains("EmulatorInjectedFailure", "Fix the record in the source system");
        assertThat(result.runs().get(0).resent()).as("permanent failures are not re-sent").isZero();
        assertThat(emulator.logEntries()).filteredOn(entry -> entry.sourceId().equals("201")).hasSize(1);

        StatusReport status = reconciler.status(ReconcileFixture.SOURCE, 10);
        assertThat(status.runs()).hasSize(2);
        assertThat(status.openFailures()).extracting(StatusReport.Failure::externalId)
                .containsExactlyInAnyOrder("201", "202");
        StringWriter printed = new StringWriter();
        status.print(new PrintWriter(printed));
        assertThat(printed.toString()).contains("AzureActiveDirectoryConflictEntry", runIdOf(folder));
    }

    @Test
    void aMissingManagerResolvesAfterAReSend() throws Exception {
        // The manager fails transiently, so the report is created without it (a skip step, no follow-up).
        emulator.updateSettings(settings -> settings.withFailingExternalIds("300", "ServiceUnavailable", true));
        String folder = fixture.dropAndProcess("workers.csv", csv(
                worker("300", "u300", ""),
                worker("301", "u301", "300")));
        emulator.awaitIdle(Duration.ofSeconds(10));
        assertThat(emulator.user("301").orElseThrow().unresolvedManagerExternalId()).isEqualTo("300");
        emulator.updateSettings(settings -> settings.withFailingExternalIds(null, "EmulatorInjectedFailure", false));

        WaitResult result = fixture.reconciler(ReconcileFixture.settings())
                .reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(), Duration.ofSeconds(90));

        assertThat(result.complete()).as(result.describe()).isTrue();
        Map<String, List<String>> lines = fixture.results(folder);
        assertThat(lines.get("300").get(0)).isEqualTo("created");
        assertThat(lines.get("300").get(1)).contains("after 1 re-send");
        assertThat(lines.get("301").get(0)).isEqualTo("created");
        assertThat(lines.get("301").get(1)).contains("completed by re-send 1", "manager set");
        assertThat(emulator.user("301").orElseThrow().managerExternalId()).isEqualTo("300");
        assertThat(result.runs().get(0).resent()).isEqualTo(2);
        assertThat(fixture.report(folder).path("reconciliation").path("resent").asLong()).isEqualTo(2);
    }

    @Test
    void reSendsStopAtTheAttemptLimit() throws Exception {
        emulator.updateSettings(settings -> settings.withFailingExternalIds("400", "ServiceUnavailable", true));
        String folder = fixture.dropAndProcess("workers.csv", csv(
                worker("400", "u400", ""),
                worker("401", "u401", "999"), // a manager that is never sent
                worker("402", "u402", "")));
        emulator.awaitIdle(Duration.ofSeconds(10));
        Reconciler reconciler = fixture.reconciler(ReconcileFixture.settings().withMaxAttempts(3));

        WaitResult result = reconciler.reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(),
                Duration.ofSeconds(90));
        emulator.awaitIdle(Duration.ofSeconds(10));
        long callsAtTheEnd = emulator.stats().calls().accepted();
        reconciler.reconcile(ReconcileFixture.SOURCE);

        assertThat(result.complete()).as(result.describe()).isTrue();
        Map<String, List<String>> lines = fixture.results(folder);
        assertThat(lines.get("400").get(0)).isEqualTo("service-failed");
        assertThat(lines.get("400").get(1)).contains("Sent 3 time(s)", "not sent again");
        // Created without its manager (the skip step of the real service's entry): a warning, not a failure.
        assertThat(lines.get("401").get(0)).isEqualTo("warning");
        assertThat(lines.get("401").get(1)).contains("created in Entra ID, but its manager 999 was not set",
                "UnableToResolveReferenceAttributeValue",
                "Not re-sent: its manager '999' has not been sent through this job since");
        assertThat(lines.get("402").get(0)).isEqualTo("created");
        assertThat(changesOf("400")).as("sends of 400").isEqualTo(3);
        assertThat(changesOf("401")).as("sends of 401: a re-send cannot help while its manager is never sent")
                .isEqualTo(1);
        assertThat(changesOf("402")).as("sends of 402").isEqualTo(1);
        assertThat(emulator.stats().calls().accepted()).as("no send after the limit").isEqualTo(callsAtTheEnd);
    }

    @Test
    void aQuarantinedJobLeavesRecordsUnconfirmedWithTheJobAsTheCause() throws Exception {
        emulator.setQuarantined(emulator.defaultJob(), true);
        String folder = fixture.dropAndProcess("workers.csv", csv(
                worker("600", "u600", ""),
                worker("601", "u601", "600")));

        WaitResult result = fixture.reconciler(ReconcileFixture.settings().withUnconfirmedAfter(Duration.ofSeconds(1)))
                .reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(), Duration.ofSeconds(90));

        assertThat(result.complete()).as(result.describe()).isTrue();
        assertThat(result.count(RecordOutcome.UNCONFIRMED)).isEqualTo(2);
        Map<String, List<String>> lines = fixture.results(folder);
        assertThat(lines.get("600").get(0)).isEqualTo("unconfirmed");
        assertThat(lines.get("600").get(1)).contains("QUARANTINE", "restart the job");
        JsonNode report = fixture.report(folder);
        assertThat(report.path("reconciliation").path("cause").asText()).contains("QUARANTINE");
        assertThat(report.path("reconciliation").path("outcomes").path("unconfirmed").asLong()).isEqualTo(2);
        assertThat(emulator.stats().calls().accepted()).as("unconfirmed records are not re-sent").isEqualTo(1);
    }

    @Test
    void everyRecordOfMicrosoftsSampleExtractEndsInAFinalOutcome() throws Exception {
        String folder = fixture.dropAndProcess("sample.csv",
                Files.readString(Path.of("samples/extracts/csv-with-1000-records.csv")));
        emulator.awaitIdle(Duration.ofSeconds(20));

        WaitResult result = fixture.reconciler(ReconcileFixture.settings())
                .reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(), Duration.ofMinutes(2));

        assertThat(result.complete()).as(result.describe()).isTrue();
        String text = fixture.zone.processed().getBlobClient(folder + ".results.csv").downloadContent().toString();
        List<String> outcomes = text.lines().skip(1).map(line -> line.split(",", -1)[2]).toList();
        assertThat(outcomes).hasSize(1000).doesNotContain("accepted");
        JsonNode report = fixture.report(folder);
        long total = 0;
        for (JsonNode count : report.path("records").path("byOutcome")) {
            total += count.asLong();
        }
        assertThat(total).isEqualTo(1000);
        Map<String, Long> changesPerRecord = new HashMap<>();
        emulator.logEntries().stream().map(entry -> entry.sourceId() + "/" + entry.changeId()).distinct()
                .forEach(key -> changesPerRecord.merge(key.split("/", -1)[0], 1L, Long::sum));
        assertThat(changesPerRecord.values()).allMatch(sends -> sends <= ReconcileSettings.DEFAULT.maxAttempts());
    }

    @Test
    void theLedgerHoldsEverySendWithItsHashRunReportLocationAndAttempt() throws Exception {
        emulator.updateSettings(settings -> settings.withFailingExternalIds("801", "ServiceUnavailable", true));
        String folder = fixture.dropAndProcess("workers.csv", csv(worker("800", "u800", ""), worker("801", "u801",
                "")));
        emulator.awaitIdle(Duration.ofSeconds(10));
        String runId = runIdOf(folder);

        List<LedgerCall> sent = fixture.ledger.calls(ReconcileFixture.SOURCE, runId);
        fixture.reconciler(ReconcileFixture.settings().withMaxAttempts(2)).reconcile(ReconcileFixture.SOURCE);
        List<LedgerCall> afterResend = fixture.ledger.calls(ReconcileFixture.SOURCE, runId);

        assertThat(sent).hasSize(1);
        LedgerCall call = sent.get(0);
        assertThat(call.run().reportFolder()).isEqualTo(folder);
        assertThat(call.run().jobId()).isEqualTo(emulator.defaultJob().jobId());
        assertThat(call.records()).extracting(LedgerRecord::externalId)
                .containsExactly("800", "801");
        LedgerRecord first = call.records().get(0);
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest
                .getInstance("SHA-256").digest(fixture.mapper.writeValueAsBytes(first.user()))));
        assertThat(first.user().path("externalId").asText()).isEqualTo("800");
        assertThat(afterResend).hasSize(2);
        assertThat(afterResend.get(1).batchIndex()).isEqualTo(-1);
        assertThat(afterResend.get(1).records()).singleElement().satisfies(record -> {
            assertThat(record.externalId()).isEqualTo("801");
            assertThat(record.attempt()).isEqualTo(2);
            assertThat(record.sha256()).isEqualTo(call.records().get(1).sha256());
        });
    }

    private long changesOf(String externalId) {
        return emulator.logEntries().stream().filter(entry -> entry.sourceId().equals(externalId))
                .map(LogEntry::changeId).distinct().count();
    }
}
