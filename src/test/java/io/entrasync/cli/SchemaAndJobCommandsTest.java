package io.entrasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.emulator.JobRef;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.support.EmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/**
 * {@code schema check|push} and {@code job ...} against the emulator over real HTTP, for source {@code hr}
 * (Microsoft's sample mapping) and, with {@code --mapping}, the Contoso mapping with four custom attributes.
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class SchemaAndJobCommandsTest {

    private static final String CONTOSO_MAPPING = "samples/mappings/contoso-custom-namespace.yaml";
    private static final String CONTOSO = "urn:ietf:params:scim:schemas:extension:contoso:1.0:User";
    private static final List<String> CONTOSO_ATTRIBUTES = List.of(CONTOSO + ":hireDate",
            CONTOSO + ":contractEndDate", CONTOSO + ":badgeNumber", CONTOSO + ":remoteWorker");

    @Inject
    CommandLine.IFactory factory;

    @Inject
    ObjectMapper mapper;

    private final ProvisioningEmulator emu = EmulatorResource.emulator();
    private final JobRef job = EmulatorResource.emulator().defaultJob();
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    @AfterEach
    void resetEmulator() {
        emu.reset();
        out = new StringWriter();
        err = new StringWriter();
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(EntraInboundSyncCommand.class, factory);
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private ObjectNode apiUserObject(ObjectNode schema) {
        for (JsonNode directory : schema.path("directories")) {
            if (directory.path("name").asText().equals("API")) {
                return (ObjectNode) directory.path("objects").get(0);
            }
        }
        throw new AssertionError("no API directory");
    }

    private void putSchema(ObjectNode schema) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                emu.baseUrl() + "/beta/servicePrincipals/" + job.servicePrincipalId() + "/synchronization/jobs/"
                        + job.jobId() + "/schema"))
                .header("Authorization", "Bearer " + emu.issueToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(schema.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
    }

    @Test
    void theSampleMappingFlowsAndAnUnmappedCustomAttributeIsNamedWithItsFix() {
        assertThat(run("schema", "check", "--source", "hr")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("attributes flow").doesNotContain("dropped");

        int exit = run("schema", "check", "--source", "hr", "--mapping", CONTOSO_MAPPING);
        assertThat(exit).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("!! " + CONTOSO + ":hireDate: dropped: not in the app's schema. Fix: add"
                + " it with 'schema push --source hr --apply'");
        assertThat(out.toString()).contains("4 will be dropped by the service");

        out.getBuffer().setLength(0);
        assertThat(run("validate", "--mapping", CONTOSO_MAPPING, "--file", "samples/extracts/contoso-hr.csv",
                "--source", "hr")).as(err.toString()).isLessThan(2);
        assertThat(out.toString()).contains("records read", "!! " + CONTOSO + ":badgeNumber: dropped");

        out.getBuffer().setLength(0);
        assertThat(run("plan", "--source", "hr", "--file", "samples/extracts/csv-with-5-records.csv"))
                .as(err.toString()).isLessThan(2);
        assertThat(out.toString()).contains("attributes flow").doesNotContain("will be dropped");
    }

    @Test
    void pushAddsExactlyTheMissingAttributesLeavesTheRestAsItWasAndTheCheckPassesOnceMapped() throws Exception {
        ObjectNode before = emu.schema(job);

        assertThat(run("schema", "push", "--source", "hr", "--mapping", CONTOSO_MAPPING)).isEqualTo(1);
        assertThat(out.toString()).contains("+ " + CONTOSO + ":hireDate (DateTime)", "+ " + CONTOSO
                + ":badgeNumber (Integer)", "+ " + CONTOSO + ":remoteWorker (Boolean)");
        assertThat(emu.schema(job)).as("without --apply nothing is written").isEqualTo(before);

        assertThat(run("schema", "push", "--source", "hr", "--mapping", CONTOSO_MAPPING, "--apply"))
                .as(err.toString()).isZero();
        ObjectNode after = emu.schema(job);
        ArrayNode attributes = (ArrayNode) apiUserObject(after).path("attributes");
        List<String> added = new ArrayList<>();
        for (int i = attributes.size() - 1; i >= 0; i--) {
            if (attributes.get(i).path("name").asText().startsWith(CONTOSO)) {
                added.add(0, attributes.get(i).path("name").asText());
                JsonNode attribute = attributes.remove(i);
                if (attribute.path("name").asText().endsWith(":hireDate")) {
                    assertThat(attribute).isEqualTo(mapper.readTree("""
                            {"anchor":false,"apiExpressions":[],"caseExact":false,"defaultValue":null,
                             "flowNullValues":false,"metadata":[],"multivalued":false,"mutability":"ReadWrite",
                             "name":"%s:hireDate","referencedObjects":[],"required":false,"type":"DateTime"}
                            """.formatted(CONTOSO)));
                }
            }
        }
        assertThat(added).containsExactlyElementsOf(CONTOSO_ATTRIBUTES);
        assertThat(after).as("everything else compares equal").isEqualTo(before);

        out.getBuffer().setLength(0);
        assertThat(run("schema", "check", "--source", "hr", "--mapping", CONTOSO_MAPPING)).isEqualTo(1);
        assertThat(out.toString()).contains(CONTOSO + ":hireDate: dropped: no attribute mapping uses it");

        ObjectNode mapped = emu.schema(job);
        ArrayNode mappings = (ArrayNode) mapped.path("synchronizationRules").get(0).path("objectMappings").get(0)
                .path("attributeMappings");
        for (int i = 0; i < CONTOSO_ATTRIBUTES.size(); i++) {
            mappings.addObject().put("targetAttributeName", "extensionAttribute" + (10 + i)).put("flowType", "Always")
                    .putObject("source").put("name", CONTOSO_ATTRIBUTES.get(i)).put("type", "Attribute");
        }
        putSchema(mapped);
        out.getBuffer().setLength(0);
        assertThat(run("schema", "check", "--source", "hr", "--mapping", CONTOSO_MAPPING, "--all"))
                .as(out.toString()).isZero();
        assertThat(out.toString()).contains(CONTOSO + ":badgeNumber: flows → extensionAttribute12 (Always)");
        assertThat(run("schema", "push", "--source", "hr", "--mapping", CONTOSO_MAPPING)).isZero();
    }

    @Test
    void aPushWithoutReadWriteNamesThePermissionToAdd() {
        emu.revokePermission("Synchronization.ReadWrite.All");
        ObjectNode before = emu.schema(job);
        assertThat(run("schema", "push", "--source", "hr", "--mapping", CONTOSO_MAPPING, "--apply")).isEqualTo(2);
        assertThat(err.toString()).contains("Forbidden (403)", "Synchronization.ReadWrite.All",
                "Authorization_RequestDenied");
        assertThat(emu.schema(job)).isEqualTo(before);
        assertThat(run("job", "pause", "--source", "hr", "--yes")).isEqualTo(2);
        assertThat(emu.isPaused(job)).isFalse();
    }

    @Test
    void aCheckThatCannotReadTheSchemaExitsTwoNamingThePermissionAndValidateStillRuns() {
        emu.revokePermission("Synchronization.Read.All");
        emu.revokePermission("Synchronization.ReadWrite.All");

        assertThat(run("schema", "check")).as("--source defaults to the only source").isEqualTo(2);
        assertThat(err.toString()).contains("Forbidden (403) reading the schema", "Synchronization.Read.All")
                .doesNotContain("Exception", "\tat ");

        assertThat(run("validate", "--mapping", CONTOSO_MAPPING, "--file", "samples/extracts/contoso-hr.csv",
                "--source", "hr")).as("the check never fails validate").isZero();
        assertThat(out.toString()).contains("Schema check not done:", "Synchronization.Read.All");

        out.getBuffer().setLength(0);
        assertThat(run("plan", "--source", "hr", "--file", "samples/extracts/csv-with-5-records.csv"))
                .as("nor plan").isLessThan(2);
        assertThat(out.toString()).contains("Schema check not done:", "Synchronization.Read.All");
    }

    @Test
    void jobCommandsChangeTheJobAndAskFirst() {
        assertThat(run("job", "list", "--source", "hr")).as(err.toString()).isZero();
        // The emulator's job has processed nothing yet: NotRun, as Microsoft's started-but-never-run sample.
        assertThat(out.toString()).contains(job.jobId() + "  NotRun  template API2AAD");

        assertThat(run("job", "pause", "--source", "hr")).as("no terminal: not confirmed").isEqualTo(1);
        assertThat(emu.isPaused(job)).isFalse();
        assertThat(run("job", "pause", "--source", "hr", "--yes")).as(err.toString()).isZero();
        assertThat(emu.isPaused(job)).isTrue();
        assertThat(out.toString()).contains("state: Paused", "the job is PAUSED");

        out.getBuffer().setLength(0);
        assertThat(run("status", "--source", "hr")).isZero();
        assertThat(out.toString()).contains("Job " + job.jobId() + ": Paused (never ran)", "!! the job is PAUSED");

        assertThat(run("job", "start", "--source", "hr", "--yes")).isZero();
        assertThat(emu.isPaused(job)).isFalse();

        emu.setQuarantined(job, true);
        out.getBuffer().setLength(0);
        assertThat(run("job", "status", "--source", "hr")).isZero();
        assertThat(out.toString()).contains("QUARANTINE: EncounteredQuarantineException since");
        assertThat(run("job", "restart", "--source", "hr", "--scope", "QuarantineState", "--yes")).isZero();
        assertThat(emu.isQuarantined(job)).isFalse();

        assertThat(run("job", "restart", "--source", "hr", "--scope", "ConnectorDataStore", "--yes")).isEqualTo(2);
        assertThat(err.toString()).contains("DO NOT USE");
        assertThat(run("job", "restart", "--source", "hr", "--scope", "ForceDeletes", "--yes")).isEqualTo(2);
        assertThat(err.toString()).contains("--allow-force-deletes");
        assertThat(run("job", "restart", "--source", "hr", "--scope", "ForceDeletes", "--allow-force-deletes",
                "--yes")).isZero();
    }

    @Test
    void anUnknownSignInModeIsAUsageErrorNamingTheModes() {
        assertThat(run("job", "status", "--source", "hr", "--auth", "password")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown auth mode 'password'", "azure-cli", "(--auth)");
    }
}
