package io.entrasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.report.RunReport;
import io.entrasync.support.EmulatorExtension;
import io.entrasync.sync.ApiSyncResult.Outcome;

/**
 * A scheduled HR API sync runs the schema check before its spool is sent (issue 16), through the same port a dropped
 * file's run uses; a check that breaks is a note in the report, never a stopped sync. The check itself against the
 * emulator's schema is {@code io.entrasync.schema.RunSchemaPreflightTest}.
 */
class ApiSyncSchemaCheckTest {

    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EmulatorSettings.fast().withPort(0));

    private SuccessFactorsStub api;
    private ApiSyncFixture fixture;

    @BeforeEach
    void fresh() {
        api = new SuccessFactorsStub();
        api.stubPages(null);
        api.stubNoChangesSince(SuccessFactorsStub.LAST_CHANGE);
        fixture = new ApiSyncFixture(RUNNING.emulator(), api);
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void theSpoolsReportCarriesTheCheckOfTheSourcesMapping() throws Exception {
        List<String> checked = new ArrayList<>();
        ApiSyncResult result = fixture.runner(source -> {
            checked.add(source.name());
            return new RunReport.Schema(true, source.upload().target().jobId(), "API", 9, 8, List.of(
                    new RunReport.DroppedAttribute("urn:x:User:costCenter", "extensions.urn:x:User.costCenter",
                            "dropped: not in the app's schema", "add it")), "");
        }).sync(SuccessFactorsStub.SOURCE, false);

        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.COMPLETED);
        assertThat(checked).containsExactly(SuccessFactorsStub.SOURCE);
        JsonNode schema = report(result).path("schema");
        assertThat(schema.path("checked").asBoolean()).isTrue();
        assertThat(schema.path("dropped").get(0).path("attribute").asText()).isEqualTo("urn:x:User:costCenter");
    }

    @Test
    void aCheckThatBreaksIsANoteAndTheSyncGoesOn() throws Exception {
        ApiSyncResult result = fixture.runner(source -> {
            throw new IllegalStateException("schema service on fire");
        }).sync(SuccessFactorsStub.SOURCE, false);

        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.COMPLETED);
        JsonNode report = report(result);
        assertThat(report.path("records").path("accepted").asLong()).isEqualTo(SuccessFactorsStub.RECORDS);
        assertThat(report.path("schema").path("checked").asBoolean()).isFalse();
        assertThat(report.path("schema").path("notDone").asText())
                .isEqualTo("the check failed: schema service on fire");
    }

    private JsonNode report(ApiSyncResult result) throws Exception {
        return fixture.mapper.readTree(fixture.processedText(result.runs().get(0).reportName().orElseThrow()));
    }
}
