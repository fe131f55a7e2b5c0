package io.entrasync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.emulator.UserView;
import io.entrasync.source.rest.ApiPresets;
import io.entrasync.support.EmulatorExtension;
import io.entrasync.sync.ApiSyncResult.Outcome;
import io.entrasync.sync.references.ReferenceIndexStore;
import io.entrasync.sync.references.ReferenceRules;
import io.entrasync.sync.references.WaitingRecordsStore;

/**
 * References between records end to end: a SCIM server whose {@code manager.value} is the manager's SCIM
 * {@code id} (RFC 7643 §4.3), read through the {@code scim} preset and its default reference, mapped by
 * samples/mappings/scim-user.yaml and sent to the emulator, which resolves managers by externalId as the service does.
 */
class ApiSyncReferencesTest {

    private static final String SOURCE = "scim";
    private static final String MAPPING = "samples/mappings/scim-user.yaml";

    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EmulatorSettings.fast().withPort(0));
    private ProvisioningEmulator emulator;
    private ScimServerStub scim;
    private ApiSyncFixture fixture;

    @BeforeEach
    void start() throws Exception {
        emulator = RUNNING.emulator();
        scim = new ScimServerStub();
        fixture = new ApiSyncFixture(emulator, SOURCE, MAPPING, () -> scim.source(SOURCE))
                .withReferences(ReferenceRules.of(SOURCE, Optional.empty(),
                        ApiPresets.defaultReferences(ApiPresets.SCIM), Optional.of("externalId")));
    }

    @AfterEach
    void stop() {
        scim.close();
    }

    private ApiSyncResult sync() throws Exception {
        ApiSyncResult result = fixture.runner().sync(SOURCE, false);
        emulator.awaitIdle(Duration.ofSeconds(10));
        return result;
    }

    private String manager(String externalId) {
        return emulator.user(externalId).map(UserView::managerExternalId).orElse(null);
    }

    @Test
    void managerIdsAreResolvedWithinAFullReadWhateverTheOrderOfTheRecords() throws Exception {
        // reports first: their manager is on the last page, after them
        scim.user("2819c223-0001", "E1", "a17f-boss", "Sales")
                .user("2819c223-0002", "E2", "a17f-boss", "Sales")
                .user("2819c223-0003", "E3", "2819c223-0001", "Sales")
                .user("a17f-boss", "E0", null, "Board");

        ApiSyncResult result = sync();

        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(scim.served).as("pages of two").containsExactly(2, 2);
        assertThat(emulator.users()).hasSize(4);
        assertThat(manager("E1")).isEqualTo("E0");
        assertThat(manager("E2")).isEqualTo("E0");
        assertThat(manager("E3")).isEqualTo("E1");
        assertThat(emulator.users()).extracting(UserView::unresolvedManagerExternalId).containsOnlyNulls();
        assertThat(fixture.state.read(ReferenceIndexStore.pathOf(SOURCE))).isPresent();
    }

    @Test
    void anIncrementalReadWithoutTheManagerResolvesItFromWhatEarlierReadsSaw() throws Exception {
        scim.user("a17f-boss", "E0", null, "Board").user("2819c223-0001", "E1", "a17f-boss", "Sales");
        assertThat(sync().outcome()).isEqualTo(Outcome.COMPLETED);
        scim.served.clear();

        // E2 is hired and E1 moves; the manager did not change, so an incremental read does not return it
        scim.user("2819c223-0002", "E2", "a17f-boss", "Sales").user("2819c223-0001", "E1", "a17f-boss", "Support");
        ApiSyncResult second = sync();

        assertThat(second.outcome()).as(second.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(second.watermarkBefore()).isPresent();
        assertThat(scim.served).as("only the two changed users were read").containsExactly(2);
        assertThat(manager("E2")).isEqualTo("E0");
        assertThat(manager("E1")).isEqualTo("E0");
        assertThat(emulator.user("E1").orElseThrow().attributes().toString()).contains("Support");
    }

    @Test
    void aReferenceToNoKnownRecordIsReportedOnTheRecordAndNeverSent() throws Exception {
        scim.user("a17f-boss", "E0", null, "Board").user("2819c223-0009", "E9", "gone-7731", "Sales");

        ApiSyncResult result = sync();

        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(emulator.user("E9")).as("not sent with the SCIM id as if it were an externalId").isEmpty();
        assertThat(emulator.users()).extracting(UserView::unresolvedManagerExternalId).containsOnlyNulls();
        String report = result.runs().get(0).reportName().orElseThrow();
        JsonNode rejected = fixture.mapper.readTree(fixture.processedText(report)).path("rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("externalId").asText()).isEqualTo("E9");
        assertThat(rejected.get(0).path("reason").asText())
                .contains(ScimServerStub.ENTERPRISE + ".manager.value' is 'gone-7731'")
                .contains("has id 'gone-7731'").contains("externalId")
                .contains("sync.sources.scim.api.references")
                .contains("sync --source scim --full");
        String results = fixture.processedText(report.replace(".report.json", ".results.csv"));
        assertThat(results.lines().filter(line -> line.contains("E9")).toList())
                .singleElement().asString().contains("rejected").contains("gone-7731");
        assertThat(results.lines().filter(line -> line.contains(",E0,")).toList())
                .singleElement().asString().contains("accepted");
    }

    private JsonNode report(ApiSyncResult result) throws Exception {
        return fixture.mapper.readTree(fixture.processedText(result.runs().get(0).reportName().orElseThrow()));
    }

    private String resultLine(ApiSyncResult result, String externalId) {
        String report = result.runs().get(0).reportName().orElseThrow();
        return fixture.processedText(report.replace(".report.json", ".results.csv")).lines()
                .filter(line -> line.contains("," + externalId + ",")).findFirst().orElse(null);
    }

    private long sends(String externalId) {
        return emulator.logEntries().stream().filter(entry -> externalId.equals(entry.sourceId())).count();
    }

    @Test
    void aReportRejectedForAnUnknownManagerIsSentWhenALaterReadBringsTheManager() throws Exception {
        // the report is in HR before the manager: the first read names a manager no read has seen yet. E5 is
        // stamped after E1, so E1 is outside the next read's one-minute overlap.
        scim.user("2819c223-0001", "E1", "a17f-boss", "Sales").user("2819c223-0005", "E5", null, "Sales");
        ApiSyncResult first = sync();

        assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(emulator.user("E1")).isEmpty();
        JsonNode rejected = report(first).path("rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("reason").asText()).contains("is 'a17f-boss'")
                .contains("It is kept (rejected in 1 read(s) so far) and sent by the first sync that reads the record "
                        + "it names").contains("sync --source scim --full");
        assertThat(fixture.state.read(WaitingRecordsStore.pathOf(SOURCE))).isPresent();

        // the manager arrives; E1 does not change again, so the incremental read brings only the manager
        scim.served.clear();
        scim.user("a17f-boss", "E0", null, "Board");
        ApiSyncResult second = sync();

        assertThat(second.outcome()).as(second.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(scim.served).as("the manager, and E5 again within the overlap; not E1").containsExactly(2);
        assertThat(manager("E1")).isEqualTo("E0");
        assertThat(resultLine(second, "E1")).as("after the read's two records").startsWith("3,E1,accepted");
        assertThat(report(second).path("rejected")).isEmpty();
        assertThat(fixture.state.read(WaitingRecordsStore.pathOf(SOURCE))).as("nothing waits any more").isEmpty();

        long e1LogEntries = sends("E1");
        assertThat(e1LogEntries).isPositive();

        // a later change of someone else: E1 is not read, not kept, not sent again
        scim.user("2819c223-0005", "E5", null, "Support");
        ApiSyncResult third = sync();

        assertThat(third.outcome()).as(third.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(resultLine(third, "E1")).isNull();
        assertThat(sends("E1")).as("no provisioning of E1 after its one send").isEqualTo(e1LogEntries);
    }

    @Test
    void aReferenceThatStaysUnknownIsReportedAgainInEveryRun() throws Exception {
        scim.user("2819c223-0009", "E9", "gone-7731", "Sales").user("a17f-boss", "E0", null, "Board");
        assertThat(report(sync()).path("rejected")).hasSize(1);

        scim.user("2819c223-0002", "E2", "a17f-boss", "Sales");
        ApiSyncResult second = sync();

        assertThat(second.outcome()).as(second.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(manager("E2")).isEqualTo("E0");
        JsonNode rejected = report(second).path("rejected");
        assertThat(rejected).as("E9 was not read again, yet is reported").hasSize(1);
        assertThat(rejected.get(0).path("externalId").asText()).isEqualTo("E9");
        assertThat(rejected.get(0).path("reason").asText()).contains("kept from an earlier read (page 1, record 1)")
                .contains("is 'gone-7731'").contains("rejected in 2 read(s) so far");
        assertThat(emulator.user("E9")).isEmpty();

        // a full read reads E9 again: the list starts afresh from what that read saw
        ApiSyncResult full = fixture.runner().sync(SOURCE, true);
        emulator.awaitIdle(Duration.ofSeconds(10));
        assertThat(report(full).path("rejected")).singleElement()
                .satisfies(entry -> assertThat(entry.path("reason").asText()).contains("rejected in 1 read(s)"));
    }

    @Test
    void theReferenceRulesNameTheirKeyWhenUnusable() {
        assertThat(ReferenceRules.of("x", Optional.of(List.of("none")), List.of("a=b"), Optional.empty()).isEmpty())
                .isTrue();
        assertThat(catchThrowable(() -> ReferenceRules.of("x",
                Optional.of(List.of("manager.value")), List.of(), Optional.of("id"))))
                .hasMessageContaining("sync.sources.x.api.references").hasMessageContaining("'manager.value'");
        assertThat(catchThrowable(() -> ReferenceRules.of("x",
                Optional.empty(), List.of("manager.value=id"), Optional.empty())))
                .hasMessageContaining("sync.sources.x.api.id-field");
    }
}
