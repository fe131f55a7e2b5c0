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
