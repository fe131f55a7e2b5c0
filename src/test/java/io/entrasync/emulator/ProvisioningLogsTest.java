package io.entrasync.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /auditLogs/provisioning: visibility delay, $filter, $top, paging, throttling. */
class ProvisioningLogsTest extends EmulatorTestBase {

    @Override
    protected EmulatorSettings settings() {
        // Most tests here read the logs many times; the throttling test lowers the limit again.
        return EmulatorSettings.fast().withReportsCallsPerWindow(1000, Duration.ofSeconds(10));
    }

    @BeforeEach
    void threeUsersOneFailure() {
        emu.updateSettings(s -> s.withFailingExternalIds("E3", "SomeError", false));
        uploadAndProcess(Scim.bulk(Scim.user("E1", "e1@example.com", true), Scim.user("E2", "e2@example.com", true),
                Scim.user("E3", "e3@example.com", true)));
    }

    private Response logs(String filter) {
        var spec = graph().urlEncodingEnabled(true);
        if (filter != null) {
            spec = spec.queryParam("$filter", filter);
        }
        return spec.get("/beta/auditLogs/provisioning");
    }

    @Test
    void listsEntriesNewestFirstWithTheODataContext() {
        logs(null).then().statusCode(200)
                .body("'@odata.context'", containsString("/beta/$metadata#auditLogs/provisioning"))
                .body("value", hasSize(3))
                .body("value[0].sourceIdentity.id", equalTo("E3"))
                .body("value[2].sourceIdentity.id", equalTo("E1"))
                .body("'@odata.nextLink'", nullValue());
        graph().get("/v1.0/auditLogs/provisioning/").then().statusCode(200).body("value", hasSize(3));
    }

    @Test
    void theLocationHeaderOfTheUploadIsAWorkingQuery() {
        String location = upload(Scim.bulk(Scim.user("E9", "e9@example.com", true))).then().statusCode(202)
                .extract().header("Location");
        awaitIdle();
        URI uri = URI.create(location.replace("'", "%27"));
        graph().urlEncodingEnabled(false).get(uri.getRawPath() + "?" + uri.getRawQuery()).then()
                .statusCode(200).body("value", hasSize(4));
    }

    @Test
    void filtersCombineWithAnd() {
        logs("jobId eq '" + job.jobId() + "' and provisioningStatusInfo/status eq 'failure'").then().statusCode(200)
                .body("value", hasSize(1)).body("value[0].sourceIdentity.id", equalTo("E3"))
                .body("value[0].provisioningStatusInfo.errorInformation.errorCode", equalTo("SomeError"));
        logs("sourceIdentity/id eq 'E2'").then().body("value", hasSize(1));
        logs("jobId eq 'API2AAD.other'").then().body("value", hasSize(0));
        String changeId = emu.logEntries().get(0).changeId();
        logs("changeId eq '" + changeId + "'").then().body("value", hasSize(1)).body("value[0].sourceIdentity.id",
                equalTo("E1"));
        String cycleId = emu.logEntries().get(0).cycleId();
        logs("cycleId eq '" + cycleId + "' and provisioningStatusInfo/status eq 'success'").then().body("value",
                hasSize(2));
        // Values are case-sensitive, as documented; the property names are not (the Location header writes jobid).
        logs("sourceIdentity/id eq 'e2'").then().body("value", hasSize(0));
        logs("jobid eq '" + job.jobId() + "'").then().body("value", hasSize(3));
    }

    @Test
    void activityDateTimeComparisons() {
        Instant first = emu.logEntries().get(0).activityDateTime();
        logs("activityDateTime ge " + first).then().body("value", hasSize(3));
        logs("activityDateTime gt " + first).then().body("value", hasSize(0));
        logs("activityDateTime lt " + first.plusMillis(1)).then().body("value", hasSize(3));
        logs("activityDateTime lt " + first).then().body("value", hasSize(0));
        logs("activityDateTime gt 2020-01-01T00:00:00Z and sourceIdentity/id eq 'E1'").then().body("value", hasSize(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobId eq", "jobId eq 'x' or changeId eq 'y'", "jobId ne 'x'", "startswith(jobId,'x')",
            "userPrincipalName eq 'x'", "activityDateTime gt '2024-01-01T00:00:00Z'", "activityDateTime gt yesterday",
            "jobId eq x", "jobId eq 'unclosed", "", "jobId eq 'x' and"})
    void aFilterItCannotParseIs400NeverMatchAll(String filter) {
        logs(filter).then().statusCode(400).body("error.code", equalTo("BadRequest"))
                .body("error.message", containsString("filter"));
    }

    @Test
    void unsupportedQueryOptionsAndBadTopAre400() {
        graph().queryParam("$orderby",
                "activityDateTime desc").get("/beta/auditLogs/provisioning").then().statusCode(400);
        graph().queryParam("$top", "0").get("/beta/auditLogs/provisioning").then().statusCode(400);
        graph().queryParam("$top", "abc").get("/beta/auditLogs/provisioning").then().statusCode(400);
        graph().queryParam("$skiptoken", "forged").get("/beta/auditLogs/provisioning").then().statusCode(400);
    }

    @Test
    void topAndNextLinkPageThroughEverythingOnce() {
        uploadAndProcess(Scim.bulk(Scim.user("E4", "e4@example.com", true), Scim.user("E5", "e5@example.com", true)));
        List<String> seen = new ArrayList<>();
        String next = emu.baseUrl() + "/beta/auditLogs/provisioning?$filter=jobId%20eq%20'" + job.jobId() + "'&$top=2";
        int pages = 0;
        while (next != null) {
            JsonPath page = graph().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("value.sourceIdentity.id"));
            assertThat(page.getList("value")).hasSizeLessThanOrEqualTo(2);
            next = page.getString("'@odata.nextLink'");
            if (next != null) {
                assertThat(next).contains("$skiptoken=").contains("$top=2").contains("$filter=");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("E5", "E4", "E3", "E2", "E1");
    }

    @Test
    void entriesBecomeVisibleOnlyAfterTheLogDelay() {
        emu.updateSettings(s -> s.withLogDelay(Duration.ofSeconds(1)));
        Instant before = Instant.now();
        uploadAndProcess(Scim.bulk(Scim.user("LATE", "late@example.com", true)));
        assertThat(emu.logEntries()).extracting(LogEntry::sourceId).contains("LATE");
        if (Duration.between(before, Instant.now()).toMillis() < 800) {
            logs("sourceIdentity/id eq 'LATE'").then().body("value", hasSize(0));
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> logs("sourceIdentity/id eq 'LATE'").jsonPath().getList("value").size() == 1);
        assertThat(emu.visibleLogEntries()).extracting(LogEntry::sourceId).contains("LATE");
    }

    @Test
    void moreThanTheReportsLimitIs429WithRetryAfter() {
        emu.updateSettings(s -> s.withReportsCallsPerWindow(5, Duration.ofSeconds(10)));
        for (int i = 0; i < 5; i++) {
            logs(null).then().statusCode(200);
        }
        logs(null).then().statusCode(429).header("Retry-After", notNullValue())
                .body("error.code", equalTo("TooManyRequests"));
        int retryAfter = Integer.parseInt(logs(null).header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 10);
    }

    @Test
    void readingLogsNeedsABearerToken() {
        given().baseUri(emu.baseUrl()).get("/beta/auditLogs/provisioning").then().statusCode(401);
    }
}
