package io.entrasync.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.MappingResult;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.source.AbsentColumns;
import io.entrasync.source.SourceRecord;
import io.entrasync.source.SourceRow;

/**
 * The sample mappings of the new presets turn a record in its vendor's documented shape (the same shapes as
 * {@link WorkerApiPresetsTest}), flattened as the connector flattens it, into an active or a disabled user.
 */
class PresetSampleMappingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MappingResult map(String sample, String json) throws Exception {
        Mapping mapping = ConfiguredSources.loadMapping("samples/mappings/" + sample);
        Map<String, String> values = JsonFlattener.flatten(JSON.readTree(json));
        // as the sync hands an API record to the mapping: a field the mapping reads and the record lacks is empty
        SourceRow row = AbsentColumns.asEmpty(new SourceRow.Parsed(new SourceRecord(1, "page 1, record 1", values)),
                mapping.columns());
        return mapping.map(((SourceRow.Parsed) row).record());
    }

    private static boolean active(MappingResult result) {
        assertThat(result.errors()).isEmpty();
        return result.user().data().get("active").asBoolean();
    }

    @Test
    void oracleEndOfTimeIsNoTerminationAndARealDateIsALeaver() throws Exception {
        String worker = """
                {"PersonNumber": "1003", "names": [{"FirstName": "Cy", "LastName": "Doe"}],
                 "emails": [{"EmailAddress": "cy@example.com"}], "workRelationships": [{"TerminationDate": "%s"}]}""";

        assertThat(active(map("oracle-hcm-worker.yaml", worker.formatted("4712-12-31")))).isTrue();
        assertThat(active(map("oracle-hcm-worker.yaml", worker.formatted("2026-10-31")))).isFalse();
        assertThat(active(map("oracle-hcm-worker.yaml", """
                {"PersonNumber": "1004", "names": [{"FirstName": "Di", "LastName": "Doe"}],
                 "emails": [{"EmailAddress": "di@example.com"}], "workRelationships": [{"TerminationDate": null}]}
                """))).as("no termination date at all").isTrue();
    }

    @Test
    void ukgStatusCodeTIsALeaver() throws Exception {
        MappingResult result = map("ukg-pro-employee.yaml", """
                {"employeeID": "E3", "employeeNumber": "000123", "employeeStatusCode": "T",
                 "emailAddress": "e3@example.com", "dateOfTermination": "2026-10-31T00:00:00"}""");

        assertThat(result.externalId()).isEqualTo("E3");
        assertThat(active(result)).isFalse();
    }

    @Test
    void adpTerminatedIsALeaverAndTheManagerIsItsWorkerId() throws Exception {
        String worker = """
                {"associateOID": "G3ENG00000000002", "workerID": {"idValue": "ENG002"},
                 "person": {"legalName": {"givenName": "Ada", "familyName1": "Lane"}},
                 "businessCommunication": {"emails": [{"emailUri": "ada@example.com"}]},
                 "workerStatus": {"statusCode": {"codeValue": "%s"}},
                 "workAssignments": [{"reportsTo": [{"associateOID": "G3MGR00000000001",
                   "workerID": {"idValue": "MGR001"}}]}]}""";

        MappingResult active = map("adp-worker.yaml", worker.formatted("Active"));
        assertThat(active.externalId()).isEqualTo("ENG002");
        assertThat(active(active)).isTrue();
        assertThat(active.user().data().toString()).contains("MGR001").doesNotContain("G3MGR00000000001");
        assertThat(active(map("adp-worker.yaml", worker.formatted("Terminated")))).isFalse();
    }

    @Test
    void hiBobInactiveIsALeaver() throws Exception {
        MappingResult result = map("hibob-employee.yaml", """
                {"id": "3332883894016434967", "firstName": "Bo", "surname": "Lee", "email": "bo@example.com",
                 "internal": {"status": "Inactive", "terminationDate": "2026-09-30"}}""");

        assertThat(active(result)).isFalse();
    }

    @Test
    void dayforceWithoutTerminationDateIsActive() throws Exception {
        MappingResult result = map("dayforce-employee.yaml", """
                {"XRefCode": "42199", "FirstName": "Al", "LastName": "Ray"}""");

        assertThat(active(result)).isTrue();
    }
}
