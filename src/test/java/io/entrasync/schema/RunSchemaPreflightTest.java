package io.entrasync.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.emulator.UserView;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.job.JobClients;
import io.entrasync.report.ReportPages;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.run.DropZone;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.run.RunWiring;
import io.entrasync.run.SchemaPreflight;
import io.entrasync.run.SourceCatalog;
import io.entrasync.run.SourceDefinition;
import io.entrasync.source.ExtractOptions;
import io.entrasync.state.BlobStateStore;
import io.entrasync.support.EmulatorResource;
import io.entrasync.support.EmulatorUploads;
import io.entrasync.support.PlainTokens;
import io.entrasync.upload.UploadEngines;
import io.entrasync.upload.UploadSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The schema check at the start of a run (issue 16), against the emulator over real HTTP: the Contoso mapping sends
 * four custom attributes; with three of them defined and mapped and {@code badgeNumber} defined but unmapped, the run
 * lists exactly {@code badgeNumber} in report.json and report.html, and the emulator's processing indeed drops it
 * while the other three reach the user. An unreadable schema never blocks the run: the report says why.
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class RunSchemaPreflightTest {

    private static final String CONTOSO = "urn:ietf:params:scim:schemas:extension:contoso:1.0:User";
    private static final String SOURCE = "contoso";

    @Inject
    SchemaService schemas;

    @Inject
    JobClients jobs;

    @Inject
    BlobServiceClient blobs;

    @Inject
    ObjectMapper mapper;

    private final ProvisioningEmulator emu = EmulatorResource.emulator();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private DropZone zone;
    private SourceDefinition source;

    @BeforeEach
    @AfterEach
    void resetEmulator() {
        emu.reset();
    }

    @BeforeEach
    void contosoSource() {
        zone = new DropZone(blobs, "inbound-" + suffix, "processed-" + suffix, "failed-" + suffix);
        UploadSettings upload = EmulatorUploads.settings(emu, SOURCE, "tenant-" + suffix,
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
        source = new SourceDefinition(SOURCE, ConfiguredSources.loadMapping(
                "samples/mappings/contoso-custom-namespace.yaml"), ExtractOptions.defaults(), upload);
    }

    @Test
    void aRunListsTheUnmappedCustomAttributeAndTheServiceDropsIt() throws Exception {
        schemas.apply(source);
        mapInEmulator(List.of("hireDate", "contractEndDate", "remoteWorker"));

        FileRunResult result = drop("contoso-hr.csv");

        assertThat(result.outcome()).as(result.message()).isEqualTo(FileRunResult.Outcome.PROCESSED);
        JsonNode report = report(result);
        JsonNode schema = report.path("schema");
        assertThat(schema.path("checked").asBoolean()).isTrue();
        assertThat(schema.path("jobId").asText()).isEqualTo(emu.defaultJob().jobId());
        assertThat(schema.path("dropped")).hasSize(1);
        JsonNode badge = schema.path("dropped").get(0);
        assertThat(badge.path("attribute").asText()).isEqualTo(CONTOSO + ":badgeNumber");
        assertThat(badge.path("reason").asText()).isEqualTo("dropped: no attribute mapping uses it");
        assertThat(badge.path("fix").asText()).contains("add an attribute mapping with source attribute '" + CONTOSO
                + ":badgeNumber'");
        assertThat(schema.path("flowing").asInt()).isEqualTo(schema.path("attributes").asInt() - 1);

        String page = ReportPages.text(zone.processed(), folder(result));
        assertThat(page).contains("<section id=\"schema\"><h2>Attributes the app will drop</h2>",
                "1 of " + schema.path("attributes").asInt() + " attributes the mapping sends will be dropped",
                "<code>" + CONTOSO + ":badgeNumber</code>", "add an attribute mapping with source attribute &#39;"
                        + CONTOSO + ":badgeNumber&#39;");

        emu.awaitIdle(Duration.ofSeconds(20));
        UserView user = emu.user("10002").orElseThrow();
        JsonNode contoso = user.attributes().path(CONTOSO);
        assertThat(contoso.has("hireDate")).as("a mapped custom attribute reaches the user: %s", contoso).isTrue();
        assertThat(contoso.path("remoteWorker").asBoolean()).isTrue();
        assertThat(contoso.has("badgeNumber")).as("the unmapped one is dropped by the service: %s", contoso)
                .isFalse();
    }

    @Test
    void withoutReadPermissionTheRunGoesOnAndTheReportSaysWhyTheCheckWasNotDone() throws Exception {
        emu.revokePermission("Synchronization.Read.All");
        emu.revokePermission("Synchronization.ReadWrite.All");

        FileRunResult result = drop("contoso-hr.csv");

        assertThat(result.outcome()).as(result.message()).isEqualTo(FileRunResult.Outcome.PROCESSED);
        JsonNode report = report(result);
        assertThat(report.path("records").path("accepted").asLong()).isEqualTo(5);
        JsonNode schema = report.path("schema");
        assertThat(schema.path("checked").asBoolean()).isFalse();
        assertThat(schema.path("dropped")).isEmpty();
        assertThat(schema.path("notDone").asText()).contains("Forbidden (403)", "Synchronization.Read.All");
        assertThat(ReportPages.text(zone.processed(), folder(result))).contains("id=\"schema-not-done\"",
                "could not be checked", "Synchronization.Read.All", "The run went on.");
    }

    @Test
    void theDoorsRunTheCheck() {
        assertThat(schemas).as("the CDI wiring hands the service to every run").isInstanceOf(SchemaPreflight.class);
        assertThat(schemas.forRun(source).dropped()).extracting(dropped -> dropped.attribute()).containsExactly(
                CONTOSO + ":hireDate", CONTOSO + ":contractEndDate", CONTOSO + ":badgeNumber",
                CONTOSO + ":remoteWorker");
    }

    private void mapInEmulator(List<String> attributes) {
        ObjectNode schema = emu.schema(emu.defaultJob());
        ArrayNode mappings = (ArrayNode) schema.path("synchronizationRules").get(0).path("objectMappings").get(0)
                .path("attributeMappings");
        for (int i = 0; i < attributes.size(); i++) {
            mappings.addObject().put("targetAttributeName", "extensionAttribute" + (10 + i)).put("flowType", "Always")
                    .putObject("source").put("name", CONTOSO + ":" + attributes.get(i)).put("type", "Attribute");
        }
        jobs.forSource(source.upload()).putSchema(schema);
    }

    private FileRunResult drop(String name) throws IOException {
        BlobStateStore state = new BlobStateStore(blobs.getBlobContainerClient("state-" + suffix));
        UploadEngines engines = new UploadEngines(state, mapper, PlainTokens.clientSecret());
        SourceCatalog catalog = new SourceCatalog() {
            @Override
            public Optional<SourceDefinition> find(String sourceName) {
                return SOURCE.equals(sourceName) ? Optional.of(source) : Optional.empty();
            }

            @Override
            public Set<String> names() {
                return Set.of(SOURCE);
            }
        };
        InboundFileProcessor processor = RunWiring.create(zone, state, catalog, engines, mapper,
                InboundFileProcessor.Settings.DEFAULT, schemas);
        zone.inbound().getBlobClient(SOURCE + "/" + name).upload(BinaryData.fromBytes(
                Files.readAllBytes(Path.of("samples/extracts/" + name))), true);
        return processor.process(SOURCE + "/" + name);
    }

    private JsonNode report(FileRunResult result) throws IOException {
        return mapper.readTree(zone.processed().getBlobClient(result.reportName().orElseThrow()).downloadContent()
                .toBytes());
    }

    private static String folder(FileRunResult result) {
        String name = result.reportName().orElseThrow();
        return name.substring(0, name.length() - ".report.json".length());
    }
}
