package io.entrasync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Locale;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The job's schema (GET/PUT, what it lets flow), the job list, start/pause/restart and the permissions they need. */
class JobSchemaAndControlTest extends EmulatorTestBase {

    private static final String CONTOSO = "urn:ietf:params:scim:schemas:extension:contoso:1.0:User";

    private String jobPath() {
        return "/beta/servicePrincipals/" + job.servicePrincipalId() + "/synchronization/jobs/" + job.jobId();
    }

    private ObjectNode schema() throws Exception {
        return (ObjectNode) Scim.MAPPER.readTree(graph().get(jobPath() + "/schema").then().statusCode(200)
                .extract().asString());
    }

    private static ObjectNode apiUser(ObjectNode schema) {
        for (JsonNode directory : schema.path("directories")) {
            if (directory.path("name").asText().equals("API")) {
                return (ObjectNode) directory.path("objects").get(0);
            }
        }
        throw new AssertionError("no API directory");
    }

    private static ArrayNode userMappings(ObjectNode schema) {
        return (ArrayNode) schema.path("synchronizationRules").get(0).path("objectMappings").get(0)
                .path("attributeMappings");
    }

    private ObjectNode userWithHireDate(String externalId) {
        ObjectNode user = Scim.user(externalId, externalId.toLowerCase(Locale.ROOT) + "@example.com", true);
        user.withArray("schemas").add(CONTOSO);
        user.putObject(CONTOSO).put("HireDate", "2021-05-01T00:00:00Z");
        return user;
    }

    @Test
    void theSchemaHasTheEntraDirectoryFirstAndTheApiSourceWithCoreAndEnterpriseAttributes() throws Exception {
        ObjectNode schema = schema();
        assertThat(schema.path("directories").get(0).path("name").asText()).isEqualTo("Azure Active Directory");
        assertThat(apiUser(schema).path("attributes").findValuesAsText("name")).contains("externalId",
                "name.givenName", "emails[type eq \"work\"].value",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager");
        assertThat(schema.path("synchronizationRules").get(0).path("sourceDirectoryName").asText()).isEqualTo("API");
    }

    @Test
    void anAttributeTheSchemaLacksIsDroppedAndFlowsOnceDefinedAndMapped() throws Exception {
        uploadAndProcess(Scim.bulk(userWithHireDate("E1")));
        assertThat(emu.user("E1").orElseThrow().attributes().has(CONTOSO)).isFalse();
        assertThat(emu.user("E1").orElseThrow().attributes().path(Scim.ENTERPRISE).path("department").asText())
                .isEqualTo("Sales");

        ObjectNode schema = schema();
        ((ArrayNode) apiUser(schema).path("attributes")).addObject().put("name", CONTOSO + ":HireDate")
                .put("type", "DateTime");
        graph().contentType("application/json").body(schema.toString()).put(jobPath() + "/schema").then()
                .statusCode(204);
        uploadAndProcess(Scim.bulk(userWithHireDate("E2")));
        assertThat(emu.user("E2").orElseThrow().attributes().has(CONTOSO)).as("defined but not mapped").isFalse();

        userMappings(schema).addObject().put("targetAttributeName", "employeeHireDate").put("flowType", "Always")
                .putObject("source").put("name", CONTOSO + ":HireDate").put("type", "Attribute");
        graph().contentType("application/json").body(schema.toString()).put(jobPath() + "/schema").then()
                .statusCode(204);
        uploadAndProcess(Scim.bulk(userWithHireDate("E3")));
        assertThat(emu.user("E3").orElseThrow().attributes().path(CONTOSO).path("HireDate").asText())
                .isEqualTo("2021-05-01T00:00:00Z");
        assertThat(schema()).isEqualTo(schema);
    }

    @Test
    void aPausedJobStagesUploadsUntilStarted() {
        graph().get("/beta/servicePrincipals/" + job.servicePrincipalId() + "/synchronization/jobs").then()
                .statusCode(200).body("value.id", hasItem(job.jobId()));
        graph().post(jobPath() + "/pause").then().statusCode(204);
        graph().get(jobPath()).then().body("status.code", equalTo("Paused")).body("schedule.state", equalTo("Paused"));
        uploadAndProcess(Scim.bulk(Scim.user("E1", "e1@example.com", true)));
        assertThat(emu.user("E1")).isEmpty();

        graph().post(jobPath() + "/start").then().statusCode(204);
        awaitIdle();
        assertThat(emu.user("E1")).isPresent();
        graph().get(jobPath()).then().body("status.code", equalTo("Active"))
                .body("status.lastExecution.countImported", equalTo(1));
    }

    @Test
    void aFullRestartForgetsWhatTheJobProcessedSoManagersMustBeSentAgain() {
        uploadAndProcess(Scim.bulk(Scim.user("M1", "m1@example.com", true)));
        graph().contentType("application/json").body("{\"criteria\":{\"resetScope\":\"Full\"}}")
                .post(jobPath() + "/restart").then().statusCode(204);
        uploadAndProcess(Scim.bulk(Scim.withManager(Scim.user("R1", "r1@example.com", true), "M1")));
        assertThat(emu.user("R1").orElseThrow().managerExternalId()).isNull();

        uploadAndProcess(Scim.bulk(Scim.user("M1", "m1@example.com", true),
                Scim.withManager(Scim.user("R1", "r1@example.com", true), "M1")));
        assertThat(emu.user("R1").orElseThrow().managerExternalId()).isEqualTo("M1");

        graph().contentType("application/json").body("{\"criteria\":{\"resetScope\":\"Sometimes\"}}")
                .post(jobPath() + "/restart").then().statusCode(400);
    }

    @Test
    void withoutReadWriteTheSchemaCanBeReadButNotWrittenNorTheJobControlled() throws Exception {
        emu.revokePermission("Synchronization.ReadWrite.All");
        ObjectNode schema = schema();
        graph().contentType("application/json").body(schema.toString()).put(jobPath() + "/schema").then()
                .statusCode(403).body("error.code", equalTo("Authorization_RequestDenied"));
        graph().post(jobPath() + "/pause").then().statusCode(403);
        assertThat(emu.isPaused(job)).isFalse();
    }
}
