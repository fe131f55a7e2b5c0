package io.entrasync.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bulkUpload request validation, as Microsoft Graph's bulkUpload API reference and the provisioning docs describe it.
 */
class BulkUploadValidationTest extends EmulatorTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"microsoft-example-1-core-enterprise.json", "microsoft-example-2-custom-namespace.json",
            "microsoft-example-3-partial-update.json"})
    void microsoftsOwnExamplesAreAcceptedWithTheDocumentedLocation(String fixture) {
        upload(Scim.fixture(fixture)).then()
                .statusCode(202)
                .body(emptyString())
                .header("Location", emu.baseUrl() + "/beta/auditLogs/provisioning/?$filter=jobid%20eq%20'"
                + job.jobId() + "'")
                .header("request-id", notNullValue());
        assertThat(emu.stats().calls().accepted()).isEqualTo(1);
    }

    @Test
    void v1EndpointIsServedToo() {
        graph().contentType("application/scim+json").body(Scim.fixture("microsoft-example-3-partial-update.json"))
                .post(bulkPath("v1.0")).then().statusCode(202)
                .header("Location", containsString("/v1.0/auditLogs/provisioning/"));
    }

    @Test
    void fiftyOperationsAreAcceptedFiftyOneAreNot() {
        ObjectNode[] fifty = new ObjectNode[50];
        for (int i = 0; i < 50; i++) {
            fifty[i] = Scim.user("E" + i, "u" + i + "@example.com", true);
        }
        upload(Scim.bulk(fifty)).then().statusCode(202);
        ObjectNode fiftyOne = Scim.bulk(fifty);
        ((ArrayNode) fiftyOne.get("Operations")).addObject().put("method", "POST").put("bulkId", "extra").put("path",
                "/Users")
                .set("data", Scim.user("E50", "u50@example.com", true));
        upload(fiftyOne).then().statusCode(400).body("error.message", containsString("1 to 50"));
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                invalid("no Operations", b -> b.remove("Operations"), "Operations"),
                invalid("empty Operations", b -> b.putArray("Operations"), "0 entries"),
                invalid("wrong root schema",
                b -> b.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse"), "BulkRequest"),
                invalid("no root schemas", b -> b.remove("schemas"), "BulkRequest"),
                invalid("method PATCH", b -> op(b).put("method", "PATCH"), "only method accepted is \"POST\""),
                invalid("method DELETE", b -> op(b).put("method", "DELETE"), "only method accepted"),
                invalid("method missing", b -> op(b).remove("method"), "Operations[0].method"),
                invalid("path /Groups", b -> op(b).put("path", "/Groups"), "\"/Users\""),
                invalid("bulkId missing", b -> op(b).remove("bulkId"), "Operations[0].bulkId"),
                invalid("duplicate bulkId", b -> op(b, 1).put("bulkId", "b0"), "Operations[1].bulkId \"b0\""),
                invalid("data missing", b -> op(b).remove("data"), "Operations[0].data"),
                invalid("no core schema", b -> data(b).putArray("schemas").add(Scim.ENTERPRISE), Scim.CORE),
                invalid("no enterprise schema", b -> data(b).putArray("schemas").add(Scim.CORE), Scim.ENTERPRISE),
                invalid("custom namespace not listed", b -> data(b).putObject("urn:contoso:employee").put("JobCode",
                "A"),
                        "urn:contoso:employee"),
                invalid("externalId missing", b -> data(b).remove("externalId"), "Operations[0].data.externalId"),
                invalid("externalId empty", b -> data(b).put("externalId", " "), "Operations[0].data.externalId"),
                invalid("externalId a number", b -> data(b).put("externalId", 42), "externalId"),
                invalid("active a string", b -> data(b).put("active", "true"), "active must be true or false"),
                invalid("manager a string", b -> ((ObjectNode) data(b).get(Scim.ENTERPRISE)).put("manager", "M1"),
                "manager"),
                invalid("multi-valued complex custom attribute", b -> {
                    data(b).withArray("schemas").add("urn:contoso:employee");
                    data(b).putObject("urn:contoso:employee").putArray("Badges").addObject().put("id", "1");
                }, "multi-valued complex"),
                invalid("failOnErrors a string", b -> b.put("failOnErrors", "yes"), "failOnErrors"));
    }

    private static Arguments invalid(String name, Consumer<ObjectNode> breakIt, String messagePart) {
        return Arguments.of(name, breakIt, messagePart);
    }

    private static ObjectNode op(ObjectNode bulk) {
        return op(bulk, 0);
    }

    private static ObjectNode op(ObjectNode bulk, int i) {
        return (ObjectNode) bulk.get("Operations").get(i);
    }

    private static ObjectNode data(ObjectNode bulk) {
        return (ObjectNode) op(bulk).get("data");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodiesAre400WithTheLocationOfTheProblem(String name, Consumer<ObjectNode> breakIt, String messagePart) {
        ObjectNode body = Scim.bulk(Scim.user("E1", "e1@example.com", true), Scim.user("E2", "e2@example.com", true));
        breakIt.accept(body);
        upload(body).then()
                .statusCode(400)
                .contentType(containsString("application/json"))
                .body("error.code", equalTo("BadRequest"))
                .body("error.message", containsString(messagePart))
                .body("error.innerError.request-id", notNullValue())
                .body("error.innerError.date", notNullValue());
        assertThat(emu.stats().calls().rejected()).isEqualTo(1);
        assertThat(emu.stats().calls().accepted()).isZero();
    }

    @Test
    void bodyThatIsNotJsonIs400() {
        upload("{\"schemas\": [").then().statusCode(400).body("error.message", containsString("not valid JSON"));
    }

    @Test
    void wrongOrMissingContentTypeIs400() {
        String body = Scim.fixture("microsoft-example-3-partial-update.json");
        graph().contentType("application/json").body(body).post(bulkPath()).then()
                .statusCode(400).body("error.message", containsString("application/scim+json"));
        graph().body(body.getBytes(StandardCharsets.UTF_8)).post(bulkPath()).then()
                .statusCode(400).body("error.message", containsString("Content-Type must be application/scim+json"));
        graph().contentType("application/scim+json; charset=utf-8").body(body).post(bulkPath()).then().statusCode(202);
    }

    @Test
    void missingOrMalformedBearerTokenIs401() {
        String body = Scim.fixture("microsoft-example-3-partial-update.json");
        given().baseUri(emu.baseUrl()).contentType("application/scim+json").body(body).post(bulkPath()).then()
                .statusCode(401).body("error.code", equalTo("InvalidAuthenticationToken"));
        given().baseUri(emu.baseUrl()).header("Authorization",
                "Basic dXNlcjpwdw==").contentType("application/scim+json")
                .body(body).post(bulkPath()).then()
                .statusCode(401).body("error.code", equalTo("InvalidAuthenticationToken"));
        given().baseUri(emu.baseUrl()).header("Authorization", "Bearer ").contentType("application/scim+json")
                .body(body).post(bulkPath()).then().statusCode(401);
    }

    @Test
    void unknownJobOrServicePrincipalIs404() {
        String body = Scim.fixture("microsoft-example-3-partial-update.json");
        graph().contentType("application/scim+json").body(body)
                .post("/beta/servicePrincipals/" + job.servicePrincipalId()
                + "/synchronization/jobs/API2AAD.unknown.job/bulkUpload")
                .then().statusCode(404).body("error.code", equalTo("ResourceNotFound"));
        graph().contentType("application/scim+json").body(body)
                .post("/beta/servicePrincipals/other-sp/synchronization/jobs/" + job.jobId() + "/bulkUpload")
                .then().statusCode(404);
    }

    @Test
    void getOnBulkUploadIs405() {
        graph().get(bulkPath()).then().statusCode(405);
    }

    @Test
    void theValidatorRejectsOnlyWhatIsInvalid() throws JsonProcessingException {
        // A custom namespace that is listed, explicit nulls to clear attributes and a null manager are all fine.
        ObjectNode user = Scim.user("E1", "e1@example.com", true);
        user.withArray("schemas").add("urn:ietf:params:scim:schemas:extension:contoso:1.0:User");
        user.putObject("urn:ietf:params:scim:schemas:extension:contoso:1.0:User").put("HireDate",
                "2021-05-01T00:00:00Z");
        user.putNull("title");
        ((ObjectNode) user.get(Scim.ENTERPRISE)).putNull("manager");
        upload(Scim.bulk(user)).then().statusCode(202);
    }
}
