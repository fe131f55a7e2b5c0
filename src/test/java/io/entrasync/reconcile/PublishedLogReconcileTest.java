package io.entrasync.reconcile;

import static io.entrasync.reconcile.PublishedLogService.JOB;
import static io.entrasync.reconcile.PublishedLogService.retarget;
import static io.entrasync.reconcile.ReconcileFixture.csv;
import static io.entrasync.reconcile.ReconcileFixture.runIdOf;
import static io.entrasync.reconcile.ReconcileFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.entrasync.report.RecordOutcome;
import io.entrasync.upload.UploadSettings;

/**
 * Reconciliation over real HTTP and Azurite against the entries Microsoft publishes (not the emulator's): records are
 * sent through the real pipeline, and the service's answer is Microsoft's sample entries, moved to after the sends.
 */
class PublishedLogReconcileTest {

    // Microsoft's sample (AzureAD/entra-id-inbound-provisioning, Samples/InboundAPI_logSample.txt), by entry id
    private static final List<String> SAMPLE = List.of("d51cd15b-2f33-06fd-882e-53929dcbb3ce",
            "b7b74050-7d44-a573-619e-fc3a965b843c", "a2c49538-5334-2e0e-22cc-53988b1bde86",
            "4c1448ac-b092-4dc4-1dbb-3b0c5c566dfa", "1efd7e14-23e3-f56c-9420-c8465e260d80",
            "d8a7a5bf-90e0-8a07-af1e-3041cfee34d3", "a3ea4269-2b6d-20f1-f5dc-7554bb33d53e",
            "0d5f3c31-0fe3-c769-ade9-c43fffe13e2d", "80f3d7e4-dbab-46b3-1ca3-1bbffc8abaa2");
    private static final String CREATE_10020_NO_FOLLOW_UP = "1efd7e14-23e3-f56c-9420-c8465e260d80";
    private static final String CREATE_NO_MANAGER = "80f3d7e4-dbab-46b3-1ca3-1bbffc8abaa2";
    private static final String SEPARATE_UPDATE = "a3ea4269-2b6d-20f1-f5dc-7554bb33d53e";

    private PublishedLogService service;
    private ReconcileFixture fixture;
    private UploadSettings hr;

    @BeforeEach
    void start() {
        service = new PublishedLogService();
        hr = service.uploadSettings(ReconcileFixture.SOURCE, JOB);
        fixture = new ReconcileFixture(hr);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void microsoftsSampleGivesEachRecordTheOutcomeTheServiceReported() throws Exception {
        String folder = fixture.dropAndProcess("workers.csv", csv(
                worker("10018", "LeoCastest1", "10019"),
                worker("10019", "LeoCastest16", "10020"),
                worker("10020", "LeoCastest17", "10010"),
                worker("10015", "LeoCastest15", "10016"),
                worker("1514131211", "rodtest22", "")));
        service.publishAfter(lastUpload(), JOB, SAMPLE.stream().map(service::sampleEntry).toList());

        WaitResult result = fixture.reconciler(ReconcileFixture.settings())
                .reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(), Duration.ofSeconds(90));

        assertThat(result.complete()).as(result.describe()).isTrue();
        Map<String, List<String>> lines = fixture.results(folder);
        assertThat(lines.get("10018").get(0)).as(lines.get("10018").get(1)).isEqualTo("created");
        assertThat(lines.get("10018").get(1)).contains("manager was set by the follow-up");
        assertThat(lines.get("10019").get(0)).isEqualTo("created");
        assertThat(lines.get("10015").get(0)).as("create + separate update + follow-up").isEqualTo("created");
        assertThat(lines.get("1514131211").get(0)).isEqualTo("created");
        assertThat(lines.get("10020").get(0)).isEqualTo("warning");
        assertThat(lines.get("10020").get(1)).contains("created in Entra ID, but its manager 10010 was not set",
                "UnableToResolveReferenceAttributeValue", "Not re-sent: its manager '10010' has not been sent");
        JsonNode outcomes = fixture.report(folder).path("reconciliation").path("outcomes");
        assertThat(outcomes.path("created").asLong()).isEqualTo(4);
        assertThat(outcomes.path("warning").asLong()).isEqualTo(1);
        assertThat(service.uploads()).as("nothing a re-send could fix").hasSize(1);
    }

    @Test
    void aSkippedManagerIsSentAgainOnceTheManagerHasBeenSentThenTheRecordIsCreated() throws Exception {
        String first = fixture.dropAndProcess("day1.csv", csv(worker("10020", "LeoCastest17", "10010")));
        service.publishAfter(lastUpload(), JOB, List.of(service.sampleEntry(CREATE_10020_NO_FOLLOW_UP)));
        fixture.dropAndProcess("day2.csv", csv(worker("10010", "manager10", "")));
        service.publishAfter(lastUpload(), JOB, List.of(retarget(service.sampleEntry(CREATE_NO_MANAGER), "10010",
                "change-10010", "cycle-day2")));
        Reconciler reconciler = fixture.reconciler(ReconcileFixture.settings());

        // A skipped manager is decided a few seconds after it is first seen (its follow-up may still come).
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            reconciler.reconcile(ReconcileFixture.SOURCE);
            return service.uploads().size() >= 3;
        });
        assertThat(service.uploads()).as("10020 re-sent now that its manager has been sent").hasSize(3);
        assertThat(service.uploads().get(2).externalIds()).containsExactly("10020");
        assertThat(fixture.results(first).get("10020").get(0)).isEqualTo("accepted");
        // The service's answer to the re-send: an update that sets the manager (the sample's separate update change).
        service.publishAfter(lastUpload(), JOB, List.of(retarget(service.sampleEntry(SEPARATE_UPDATE), "10020",
                "change-10020-resend", "cycle-resend")));
        WaitResult result = reconciler.reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(),
                Duration.ofSeconds(90));

        assertThat(result.complete()).as(result.describe()).isTrue();
        List<String> line = fixture.results(first).get("10020");
        assertThat(line.get(0)).as(line.get(1)).isEqualTo("created");
        assertThat(line.get(1)).contains("completed by re-send 1", "manager set");
        assertThat(service.uploads()).hasSize(3);
    }

    @Test
    void aFailureASkipAndADisableAreReportedAsTheServiceWroteThem() throws Exception {
        String folder = fixture.dropAndProcess("workers.csv", csv(
                worker("10021", "conflicting", ""),
                worker("10015", "LeoCastest15", ""),
                worker("10016", "Inactive", "LeoCastest16", "", "Sales")));
        service.publishAfter(lastUpload(), JOB, List.of(
                retarget(service.sampleEntry("gc532ff9-r265-ec76-861e-42e2970a8218"), "10021", "change-10021",
                        "cycle-1"),
                service.sampleEntry("composed-skipped-redundant-export"),
                service.sampleEntry("composed-disable")));

        WaitResult result = fixture.reconciler(ReconcileFixture.settings())
                .reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(), Duration.ofSeconds(90));

        assertThat(result.complete()).as(result.describe()).isTrue();
        Map<String, List<String>> lines = fixture.results(folder);
        assertThat(lines.get("10021").get(0)).isEqualTo("service-failed");
        assertThat(lines.get("10021").get(1)).contains("ContosoEntryConflict", "HTTP status code 409",
                "Final: fix the record in the source data");
        assertThat(lines.get("10015").get(0)).isEqualTo("skipped");
        assertThat(lines.get("10015").get(1)).contains("RedundantExport");
        assertThat(lines.get("10016").get(0)).isEqualTo("disabled");
    }

    @Test
    void twoSourcesOnOneJobNeverTakeEachOthersEntries() throws Exception {
        // The same person in both systems (a contractor who became an employee): both sources send 10018.
        UploadSettings contractors = service.uploadSettings("contractors", JOB);
        String employees = fixture.dropAndProcess(hr, "workers.csv", csv(worker("10018", "LeoCastest1", "")));
        Instant employeesSent = lastUpload();
        String contractorRun = fixture.dropAndProcess(contractors, "contractors.csv",
                csv(worker("10018", "LeoCastest1", "")));
        Instant contractorsSent = lastUpload();
        service.publishAfter(employeesSent, JOB, List.of(retarget(service.sampleEntry(CREATE_NO_MANAGER), "10018",
                "change-employees", "cycle-employees")));
        service.publishAfter(contractorsSent, JOB, List.of(retarget(service.sampleEntry(SEPARATE_UPDATE), "10018",
                "change-contractors", "cycle-contractors")));
        Reconciler reconciler = fixture.reconciler(ReconcileFixture.settings(), hr, contractors);

        // The later sender reconciles first: the earlier send of the other source still gets its own change.
        reconciler.reconcile("contractors");
        reconciler.reconcile(ReconcileFixture.SOURCE);

        assertThat(fixture.results(contractorRun).get("10018").get(0)).isEqualTo("updated");
        assertThat(fixture.results(contractorRun).get("10018").get(1)).contains("change-contractors");
        assertThat(fixture.results(employees).get("10018").get(0)).isEqualTo("created");
        assertThat(fixture.results(employees).get("10018").get(1)).contains("change-employees");
        assertThat(fixture.ledger.isOpen("contractors", runIdOf(contractorRun))).isFalse();
        assertThat(fixture.ledger.isOpen(ReconcileFixture.SOURCE, runIdOf(employees))).isFalse();
    }

    @Test
    void anUnconfirmedRecordIsCorrectedWhenItsEntryShowsUpLate() throws Exception {
        String folder = fixture.dropAndProcess("workers.csv", csv(worker("1514131211", "rodtest22", "")));
        Instant sent = lastUpload();
        Reconciler reconciler = fixture.reconciler(ReconcileFixture.settings()
                .withUnconfirmedAfter(Duration.ofMillis(500)));
        WaitResult unconfirmed = reconciler.reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(),
                Duration.ofSeconds(90));
        assertThat(unconfirmed.count(RecordOutcome.UNCONFIRMED)).as(unconfirmed.describe()).isEqualTo(1);
        assertThat(fixture.results(folder).get("1514131211").get(0)).isEqualTo("unconfirmed");

        // The job was stuck; its entry appears later, within the log retention.
        service.publishAfter(sent, JOB, List.of(service.sampleEntry(CREATE_NO_MANAGER)));
        reconciler.reconcile(ReconcileFixture.SOURCE);

        List<String> line = fixture.results(folder).get("1514131211");
        assertThat(line.get(0)).isEqualTo("created");
        assertThat(line.get(1)).contains("appeared after the record had been reported unconfirmed");
        JsonNode report = fixture.report(folder);
        assertThat(report.path("records").path("byOutcome").path("created").asLong()).isEqualTo(1);
        assertThat(report.path("records").path("byOutcome").has("unconfirmed")).isFalse();
        assertThat(report.path("reconciliation").path("outcomes").path("created").asLong()).isEqualTo(1);
        reconciler.reconcile(ReconcileFixture.SOURCE);
        assertThat(fixture.results(folder).get("1514131211").get(0)).as("corrected once, then left alone")
                .isEqualTo("created");
    }

    private Instant lastUpload() {
        List<PublishedLogService.Upload> uploads = service.uploads();
        assertThat(uploads).isNotEmpty();
        return uploads.get(uploads.size() - 1).at();
    }
}
