package io.entrasync.functions.customhandler;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The custom-handler door of the JVM build, answering the Functions host's invocation requests
 * ({@code src/test/resources/custom-handler/}) over real HTTP, end to end against Azurite and the emulator.
 */
@QuarkusTest
@QuarkusTestResource(value = CustomHandlerResource.class, restrictToAnnotatedClass = true)
class CustomHandlerDoorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CustomHandlerServer server;

    @Inject
    BlobServiceClient blobs;

    private int port;

    @BeforeEach
    void start() {
        port = server.start(0);
    }

    /** The host waits as long as the function may run (functionTimeout); a busy CI machine needs more than 30 s. */
    private RequestSpecification host() {
        return given().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", (int) Duration.ofMinutes(5).toMillis())))
                .baseUri("http://127.0.0.1").port(port).contentType(ContentType.JSON);
    }

    /** A recorded request, pointed at this test's inbound container and blob. */
    private static String request(String fixture, String blobName) throws IOException {
        try (InputStream in = CustomHandlerDoorTest.class.getResourceAsStream("/custom-handler/" + fixture)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("/containers/inbound/blobs/hr/workers.csv",
                    "/containers/" + CustomHandlerResource.INBOUND + "/blobs/" + blobName);
        }
    }

    private void drop(String blobName) throws IOException {
        byte[] extract = Files.readAllBytes(Path.of("samples/extracts/csv-with-5-records.csv"));
        blobs.getBlobContainerClient(CustomHandlerResource.INBOUND).createIfNotExists();
        blobs.getBlobContainerClient(CustomHandlerResource.INBOUND).getBlobClient(blobName)
                .upload(BinaryData.fromBytes(extract), true);
    }

    private List<String> processed() {
        return blobs.getBlobContainerClient(CustomHandlerResource.PROCESSED).listBlobs().stream()
                .map(BlobItem::getName).toList();
    }

    @Test
    void aBlobCreatedEventUploadsTheExtractAndTheTimersSyncTheHrApiAndReconcile() throws IOException {
        drop("hr/workers.csv");
        long acceptedBefore = CustomHandlerResource.emulator.stats().calls().accepted();

        host().body(request("inboundFile-event-grid.json", "hr/workers.csv")).post("/inboundFile")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("Outputs", anEmptyMap())
                .body("ReturnValue", nullValue())
                .body("Logs", hasSize(1))
                .body("Logs[0]", startsWith(CustomHandlerResource.INBOUND + "/hr/workers.csv: PROCESSED"));

        assertThat(blobs.getBlobContainerClient(CustomHandlerResource.INBOUND).getBlobClient("hr/workers.csv").exists())
                .isFalse();
        assertThat(processed()).anyMatch(name -> name.startsWith("hr/") && name.endsWith("/workers.csv.report.json"));
        assertThat(CustomHandlerResource.emulator.stats().calls().accepted()).isEqualTo(acceptedBefore + 1);

        host().body(request("hrPoll.json", "")).post("/hrPoll")
                .then().statusCode(200)
                .body("Logs", hasItem(containsString("source 'sf': completed")));
        assertThat(CustomHandlerResource.emulator.stats().calls().accepted()).isEqualTo(acceptedBefore + 2);
        CustomHandlerResource.hrApi.verify(getRequestedFor(urlPathEqualTo("/odata/v2/User")));

        host().body(request("reconcile.json", "")).post("/reconcile")
                .then().statusCode(200)
                .body("Logs", hasItem(startsWith("hr: ")))
                .body("Logs", hasItem(startsWith("sf: ")))
                .body("Logs", not(hasItem(containsString("nothing to reconcile"))));

        // Nothing waits (the extract was processed): the resume timer succeeds without processing anything.
        long acceptedBeforeResume = CustomHandlerResource.emulator.stats().calls().accepted();
        host().body(request("resumeWaiting.json", "")).post("/resumeWaiting")
                .then().statusCode(200).body("Logs", empty());
        assertThat(CustomHandlerResource.emulator.stats().calls().accepted()).isEqualTo(acceptedBeforeResume);
    }

    @Test
    void anHrSyncThatCouldNotReadTheApiFailsTheInvocationAsTheJavaWorkerDoes() throws IOException {
        var unreachable = CustomHandlerResource.hrApi.stubFor(
                WireMock.get(urlPathEqualTo("/odata/v2/User")).atPriority(1)
                        .willReturn(WireMock.aResponse().withStatus(404)));
        try {
            host().body(request("hrPoll.json", "")).post("/hrPoll")
                    .then().statusCode(500)
                    .body("Logs", hasItem(containsString("source 'sf': read failed")))
                    .body("Logs", hasItem(containsString("retried at the next schedule")));
        } finally {
            CustomHandlerResource.hrApi.removeStub(unreachable);
        }
    }

    @Test
    void theSameEventInTheCloudEventsSchemaReachesTheSamePipeline() throws IOException {
        drop("hr2/cloud-event.csv");
        long acceptedBefore = CustomHandlerResource.emulator.stats().calls().accepted();

        host().body(request("inboundFile-cloud-event.json", "hr2/cloud-event.csv")).post("/inboundFile")
                .then().statusCode(200)
                .body("Logs[0]", startsWith(CustomHandlerResource.INBOUND + "/hr2/cloud-event.csv: PROCESSED"));
        assertThat(CustomHandlerResource.emulator.stats().calls().accepted()).isEqualTo(acceptedBefore + 1);
    }

    @Test
    void anEventForAnotherContainerOrOfAnotherTypeIsAnsweredAndIgnored() throws IOException {
        String otherContainer = request("inboundFile-event-grid.json", "hr/x.csv")
                .replace("/containers/" + CustomHandlerResource.INBOUND + "/", "/containers/app-package/");
        host().body(otherContainer).post("/inboundFile")
                .then().statusCode(200).body("Logs[0]", containsString("ignored"))
                .body("Logs[0]", containsString("filter the Event Grid subscription"));

        String deleted = request("inboundFile-event-grid.json", "hr/x.csv")
                .replace("Microsoft.Storage.BlobCreated", "Microsoft.Storage.BlobDeleted");
        host().body(deleted).post("/inboundFile")
                .then().statusCode(200).body("Logs[0]", containsString("not Microsoft.Storage.BlobCreated"));
    }

    @Test
    void aDropOutsideASourceFolderEndsInFailedWithTheReason() throws IOException {
        drop("stray.csv");

        host().body(request("inboundFile-event-grid.json", "stray.csv")).post("/inboundFile")
                .then().statusCode(200).body("Logs[0]", containsString("FAILED"))
                .body("Logs[0]", containsString("not in a source folder"));
    }

    @Test
    void anUnknownFunctionAWrongMethodOrABodyThatIsNoInvocationAreRefusedWithAReason() {
        host().body("{}").post("/nope").then().statusCode(404)
                .body("Logs[0]", containsString("no function 'nope'"));
        host().get("/hrPoll").then().statusCode(405);
        host().body("not json").post("/reconcile").then().statusCode(500)
                .body("Logs[0]", containsString("not an invocation request"))
                .body("Logs", not(empty()));
    }

    /** The recorded request with {@code Data.event} replaced by the event's JSON text, encoded {@code times} times. */
    private static String eventAsText(String request, int times) throws IOException {
        ObjectNode parsed = (ObjectNode) JSON.readTree(request);
        JsonNode value = parsed.path("Data").path("event");
        for (int i = 0; i < times; i++) {
            value = TextNode.valueOf(JSON.writeValueAsString(value));
        }
        ((ObjectNode) parsed.path("Data")).set("event", value);
        return JSON.writeValueAsString(parsed);
    }

    @Test
    void theEventAsJsonTextAndAsJsonTextEncodedTwiceAsTheHostSendsAStringIsProcessed() throws IOException {
        drop("hr3/as-text.csv");
        drop("hr4/encoded-twice.csv");
        long acceptedBefore = CustomHandlerResource.emulator.stats().calls().accepted();

        String once = eventAsText(request("inboundFile-event-grid.json", "hr3/as-text.csv"), 1);
        assertThat(once).contains("\"event\":\"{\\\"topic\\\"");
        host().body(once).post("/inboundFile").then().statusCode(200)
                .body("Logs[0]", startsWith(CustomHandlerResource.INBOUND + "/hr3/as-text.csv: PROCESSED"));

        // The host's JsonConvert.SerializeObject of a string: "\"{\\\"topic\\\":...}\"" in Data.event.
        String twice = eventAsText(request("inboundFile-event-grid.json", "hr4/encoded-twice.csv"), 2);
        assertThat(JSON.readTree(twice).path("Data").path("event").textValue()).startsWith("\"{");
        host().body(twice).post("/inboundFile").then().statusCode(200)
                .body("Logs[0]", startsWith(CustomHandlerResource.INBOUND + "/hr4/encoded-twice.csv: PROCESSED"));

        assertThat(CustomHandlerResource.emulator.stats().calls().accepted()).isEqualTo(acceptedBefore + 2);
    }

    @Test
    void anEventThatCannotBeReadFailsTheInvocationSoEventGridDeliversItAgain() throws IOException {
        String request = request("inboundFile-event-grid.json", "hr/x.csv");
        ObjectNode notJson = (ObjectNode) JSON.readTree(request);
        ((ObjectNode) notJson.path("Data")).put("event", "{\"topic\": \"/subscriptions/cut off in transit");
        host().body(JSON.writeValueAsString(notJson)).post("/inboundFile").then().statusCode(500)
                .body("Logs[0]", containsString("could not be read"))
                .body("Logs[0]", containsString("delivers it again"))
                .body("Logs[0]", containsString("not JSON text"));

        String encodedThreeTimes = eventAsText(request, 3);
        host().body(encodedThreeTimes).post("/inboundFile").then().statusCode(500)
                .body("Logs[0]", containsString("encoded more than twice"));

        ObjectNode noEvent = (ObjectNode) JSON.readTree(request);
        ((ObjectNode) noEvent.path("Data")).remove("event");
        host().body(JSON.writeValueAsString(noEvent)).post("/inboundFile").then().statusCode(500)
                .body("Logs[0]", containsString("no Data.event"));

        ObjectNode untyped = (ObjectNode) JSON.readTree(request);
        ((ObjectNode) untyped.path("Data").path("event")).remove("eventType");
        host().body(JSON.writeValueAsString(untyped)).post("/inboundFile").then().statusCode(500)
                .body("Logs[0]", containsString("neither 'eventType'"));
    }

    @Test
    void aTimerAtItsFirstRunWithLastAtTheDotNetMinimumIsAccepted() throws IOException {
        host().body(request("resumeWaiting-first-run.json", "")).post("/resumeWaiting")
                .then().statusCode(200).body("Logs", empty());
    }
}
