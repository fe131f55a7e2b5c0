package io.entrasync.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;

import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** /_emulator/...: jobs, stats, arrivals, users, logs, settings, reset. */
class AdminEndpointsTest extends EmulatorTestBase {

    private RequestSpecification admin() {
        return given().baseUri(emu.baseUrl());
    }

    @Test
    void jobsListsTheServedJobs() {
        admin().get("/_emulator/jobs").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].servicePrincipalId", equalTo(JobRef.DEFAULT.servicePrincipalId()))
                .body("[0].jobId", equalTo(JobRef.DEFAULT.jobId()));
    }

    @Test
    void statsCountCallsAndRecordsByActionAndStatus() {
        emu.updateSettings(s -> s.withFailingExternalIds("BAD", "X", false));
        uploadAndProcess(Scim.bulk(Scim.user("E1", "e1@example.com", true), Scim.user("BAD", "bad@example.com", true)));
        upload("not json").then().statusCode(400);
        admin().get("/_emulator/stats").then().statusCode(200)
                .body("calls.accepted", equalTo(1))
                .body("calls.rejected", equalTo(1))
                .body("calls.throttled", equalTo(0))
                .body("records.create.success", equalTo(1))
                .body("records.create.failure", equalTo(1))
                .body("decisions.create", equalTo(1))
                .body("decisions.failed", equalTo(1))
                .body("users", equalTo(1))
                .body("pendingUploads", equalTo(0));
    }

    @Test
    void arrivalsListWhenEachCountedCallArrivedForAClientInAnotherProcess() {
        uploadAndProcess(Scim.bulk(Scim.user("E1", "e1@example.com", true)));
        uploadAndProcess(Scim.bulk(Scim.user("E2", "e2@example.com", true)));
        long first = emu.bulkUploadArrivals().arrivals().get(0).toEpochMilli();
        long second = emu.bulkUploadArrivals().arrivals().get(1).toEpochMilli();

        admin().get("/_emulator/arrivals").then().statusCode(200)
                .body("arrivals", hasSize(2))
                .body("arrivals[0]", equalTo(first))
                .body("arrivals[1]", equalTo(second))
                .body("lostAnswers", equalTo(0));
    }

    @Test
    void usersShowsWhatTheDirectoryHolds() {
        uploadAndProcess(Scim.bulk(Scim.user("M/1 +x", "m@example.com", true),
                Scim.withManager(Scim.user("E1", "e1@example.com", true), "M/1 +x")));
        admin().get("/_emulator/users/E1").then().statusCode(200)
                .body("externalId", equalTo("E1"))
                .body("employeeId", equalTo("E1"))
                .body("userName", equalTo("e1@example.com"))
                .body("accountEnabled", equalTo(true))
                .body("manager", equalTo("M/1 +x"))
                .body("id", notNullValue())
                .body("attributes.name.givenName", equalTo("GivenE1"));
        admin().urlEncodingEnabled(false).get("/_emulator/users/M%2F1%20%2Bx").then().statusCode(200).body("userName",
                equalTo("m@example.com"));
        admin().get("/_emulator/users/nobody").then().statusCode(404);
        admin().get("/_emulator/users").then().statusCode(200).body("", hasSize(2));
    }

    @Test
    void logsShowsEntriesBeforeTheyAreVisible() {
        emu.updateSettings(s -> s.withLogDelay(Duration.ofHours(1)));
        uploadAndProcess(Scim.bulk(Scim.user("E1", "e1@example.com", true)));
        admin().get("/_emulator/logs").then().statusCode(200).body("value", hasSize(1))
                .body("value[0].sourceIdentity.id", equalTo("E1")).body("value[0]._visibleAt", notNullValue());
        graph().get("/beta/auditLogs/provisioning").then().statusCode(200).body("value", hasSize(0));
        assertThat(emu.visibleLogEntries()).isEmpty();
    }

    @Test
    void settingsCanBeReadAndPatched() {
        admin().get("/_emulator/settings").then().statusCode(200)
                .body("callsPerWindow", equalTo(40)).body("callWindow", equalTo("5s"))
                .body("dailyQuota", equalTo(2000)).body("reportsCallsPerWindow", equalTo(5)).body("reportsWindow",
                equalTo("10s"))
                .body("logDelay", equalTo("0")).body("checkTokens", equalTo(false)).body("tokenLifetime",
                equalTo("1h"));
        admin().contentType("application/json")
                .body("{\"logDelay\":\"250ms\",\"dailyQuota\":6000,\"throttleProbability\":0.25,\"checkTokens\":true,"
                        + "\"failingExternalIdPattern\":\"X.*\",\"failingTransient\":true,\"callWindow\":1000}")
                .patch("/_emulator/settings").then().statusCode(200)
                .body("logDelay", equalTo("250ms")).body("dailyQuota", equalTo(6000)).body("callWindow", equalTo("1s"));
        EmulatorSettings s = emu.settings();
        assertThat(s.logDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.throttleProbability()).isEqualTo(0.25);
        assertThat(s.checkTokens()).isTrue();
        assertThat(s.failingExternalIdPattern()).isEqualTo("X.*");
        assertThat(s.failingTransient()).isTrue();

        admin().contentType("application/json").body("{\"noSuchSetting\":1}").patch("/_emulator/settings").then()
                .statusCode(400).body("error.message", containsString("noSuchSetting"));
        admin().contentType("application/json").body("{\"port\":1}").patch("/_emulator/settings").then()
                .statusCode(400).body("error.message", containsString("start-up"));
        admin().contentType("application/json").body("{\"logDelay\":\"soon\"}").patch("/_emulator/settings").then()
                .statusCode(400);
        admin().contentType("application/json").body("{\"throttleProbability\":2}").patch("/_emulator/settings").then()
                .statusCode(400);
        assertThat(emu.settings().logDelay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void resetForgetsEverythingButTheSettings() {
        emu.updateSettings(s -> s.withCallsPerWindow(1, Duration.ofMinutes(1)));
        uploadAndProcess(Scim.bulk(Scim.user("E1", "e1@example.com", true)));
        upload(Scim.bulk(Scim.user("E1", "e1@example.com", true))).then().statusCode(429);
        admin().post("/_emulator/reset").then().statusCode(204);
        assertThat(emu.users()).isEmpty();
        assertThat(emu.logEntries()).isEmpty();
        assertThat(emu.stats().calls().accepted()).isZero();
        assertThat(emu.settings().callsPerWindow()).isEqualTo(1);
        upload(Scim.bulk(Scim.user("E1", "e1@example.com", true))).then().statusCode(202);
    }

    @Test
    void unknownPathsAre404InTheGraphErrorShape() {
        admin().get("/_emulator/nothing").then().statusCode(404).body("error.code", equalTo("NotFound"));
        admin().get("/beta/groups").then().statusCode(404).body("error.innerError.request-id", notNullValue());
    }
}
