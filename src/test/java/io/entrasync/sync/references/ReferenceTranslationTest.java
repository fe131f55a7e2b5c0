package io.entrasync.sync.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobServiceClientBuilder;

import io.entrasync.source.SourceRecord;
import io.entrasync.source.SourceRow;
import io.entrasync.source.rest.ApiPresets;
import io.entrasync.state.BlobStateStore;
import io.entrasync.support.TestAzurite;

/**
 * The oracle-hcm preset's reference on workers shaped as Oracle documents them, and the stored index against
 * Azurite: read back as written, not used when it was filled for another id field.
 */
class ReferenceTranslationTest {

    private final BlobStateStore state = new BlobStateStore(new BlobServiceClientBuilder()
            .connectionString(TestAzurite.connectionString()).buildClient()
            .getBlobContainerClient("references-" + UUID.randomUUID().toString().substring(0, 8)));
    private final ReferenceIndexStore store = new ReferenceIndexStore(state);

    /**
     * A worker read with expand=workRelationships.assignments.managers, flattened as the connector flattens it; the
     * managers child as docs.oracle.com shows it ("Update a Worker Manager": ManagerAssignmentId,
     * ManagerAssignmentNumber, ManagerType).
     */
    private static Map<String, String> worker(String personNumber, String assignmentNumber, String manager) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PersonId", "300100" + personNumber);
        values.put("PersonNumber", personNumber);
        values.put("workRelationships.0.assignments.0.AssignmentNumber", assignmentNumber);
        if (manager != null) {
            values.put("workRelationships.0.assignments.0.managers.0.ManagerAssignmentId", "300100180052435");
            values.put("workRelationships.0.assignments.0.managers.0.ManagerAssignmentNumber", manager);
            values.put("workRelationships.0.assignments.0.managers.0.ManagerType", "LINE_MANAGER");
        }
        return values;
    }

    private static SourceRow row(Map<String, String> values) {
        return new SourceRow.Parsed(new SourceRecord(1, "page 1, record 1", values));
    }

    private static ReferenceRules oracle() {
        return ReferenceRules.of("oracle", Optional.empty(), ApiPresets.defaultReferences(ApiPresets.ORACLE_HCM),
                Optional.of("PersonNumber"));
    }

    @Test
    void oracleManagerAssignmentNumbersBecomeTheManagersPersonNumber() {
        ReferenceIndex index = new ReferenceIndex(oracle());
        Map<String, String> report = worker("1003", "E1003", "E955160008191552");
        index.see(report);
        index.see(worker("955", "E955160008191552", null));

        SourceRow translated = new ReferenceTranslation("oracle", oracle(), index).translate(row(report));

        assertThat(((SourceRow.Parsed) translated).record().values())
                .containsEntry("workRelationships.0.assignments.0.managers.0.ManagerAssignmentNumber", "955")
                .containsEntry("PersonNumber", "1003");
    }

    @Test
    void theStoredIndexIsReadBackAndNotUsedForAnotherIdField() {
        ReferenceRules scim = ReferenceRules.of("hr", Optional.empty(), ApiPresets.defaultReferences("scim"),
                Optional.of("externalId"));
        ReferenceIndex first = new ReferenceIndex(scim);
        first.see(Map.of("id", "a17f", "externalId", "E0"));
        first.see(Map.of("id", "no-external-id"));
        store.save("hr", first);

        assertThat(store.load("hr", scim).lookup("id", "a17f")).contains("E0");
        assertThat(store.load("hr", scim).size()).as("a record without its id field is no target").isEqualTo(1);
        ReferenceRules byEmployeeNumber = ReferenceRules.of("hr", Optional.of(List.of("manager.value=id")), List.of(),
                Optional.of("employeeNumber"));
        assertThat(store.load("hr", byEmployeeNumber).size()).as("filled for another id field").isZero();
        assertThat(store.load("other", scim).size()).isZero();
    }
}
