package io.entrasync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import io.restassured.RestAssured;

/** GET .../jobs/{jobId}, quarantine and POST .../restart. */
class JobAndQuarantineTest extends EmulatorTestBase {

    private String jobPath() {
        return "/beta/servicePrincipals/" + job.servicePrincipalId() + "/synchronization/jobs/" + job.jobId();
    }

    /** Microsoft's cross-tenant sync guide, step 13: a started job that never ran, then one that did. */
    @Test
    void aJobThatNeverRanIsNotRunWithMicrosoftsPlaceholderExecutionThenActive() {
        graph().get(jobPath()).then().statusCode(200)
                .body("id", equalTo(job.jobId()))
                .body("templateId", equalTo("API2AAD"))
                .body("status.code", equalTo("NotRun"))
                .body("status.quarantine", nullValue())
                .body("status.lastExecution.state", equalTo("Failed"))
                .body("status.lastExecution.countImported", equalTo(0))
                .body("status.lastExecution.timeBegan", equalTo("0001-01-01T00:00:00Z"))
                .body("status.lastExecution.error.code", equalTo("None"))
                .body("status.steadyStateLastAchievedTime", equalTo("0001-01-01T00:00:00Z"));
        uploadAndProcess(Scim.bulk(Scim.user("E1", "e1@example.com", true)));
        graph().get(jobPath()).then().body("status.code", equalTo("Active"))
                .body("status.lastExecution.state", equalTo("Succeeded"))
                .body("status.lastExecution.error", nullValue())
                .body("status.lastExecution.timeEnded", not(equalTo("0001-01-01T00:00:00Z")));
        graph().get("/v1.0/servicePrincipals/" + job.servicePrincipalId() + "/synchronization/jobs/API2AAD.nope")
                .then().statusCode(404);
    }

    @Test
    void aQuarantinedJobAcceptsUploadsButProcessesNothingUntilRestart() {
        emu.setQuarantined(job, true);
        graph().get(jobPath()).then().statusCode(200)
                .body("status.code", equalTo("Quarantine"))
                .body("status.quarantine.reason", equalTo("EncounteredQuarantineException"))
                .body("status.quarantine.currentBegan", notNullValue());

        upload(Scim.bulk(Scim.user("E1", "e1@example.com", true))).then().statusCode(202);
        awaitIdle();
        assertThat(emu.user("E1")).isEmpty();
        assertThat(emu.logEntries()).isEmpty();
        assertThat(emu.pendingUploads()).isEqualTo(1);

        graph().contentType("application/json").body("{\"criteria\":{\"resetScope\":\"QuarantineState\"}}")
                .post(jobPath() + "/restart").then().statusCode(204);
        awaitIdle();
        assertThat(emu.user("E1")).isPresent();
        assertThat(emu.pendingUploads()).isZero();
        graph().get(jobPath()).then().body("status.code", equalTo("Active"));
    }

    /** The Graph reference's "Get synchronizationJob" sample: Paused, an earlier series kept with empty strings. */
    @Test
    void aJobPausedAfterAQuarantineKeepsTheSeriesWithEmptyStrings() {
        emu.setQuarantined(job, true);
        emu.setQuarantined(job, false);
        graph().post(jobPath() + "/pause").then().statusCode(204);
        graph().get(jobPath()).then().body("status.code", equalTo("Paused"))
                .body("status.quarantine.reason", equalTo(""))
                .body("status.quarantine.currentBegan", equalTo(""))
                .body("status.quarantine.nextAttempt", equalTo(""))
                .body("status.quarantine.seriesCount", equalTo(1));
        graph().post(jobPath() + "/start").then().statusCode(204);
        graph().get(jobPath()).then().body("status.quarantine", nullValue());
    }

    @Test
    void quarantineCanBeSwitchedOverTheAdminEndpoint() {
        graph().contentType("application/json").body("{\"quarantined\": true}")
                .put("/_emulator/jobs/" + job.jobId() + "/quarantine").then().statusCode(200)
                .body("quarantined", equalTo(true));
        assertThat(emu.isQuarantined(job)).isTrue();
        graph().contentType("application/json").body("{\"quarantined\": false}")
                .put("/_emulator/jobs/" + job.jobId() + "/quarantine").then().statusCode(200);
        assertThat(emu.isQuarantined(job)).isFalse();
        graph().contentType("application/json").body("{}").put("/_emulator/jobs/" + job.jobId() + "/quarantine")
                .then().statusCode(400);
    }

    @Test
    void restartNeedsATokenAndAKnownJob() {
        RestAssured.given().baseUri(emu.baseUrl()).post(jobPath() + "/restart").then().statusCode(401);
        graph().post("/beta/servicePrincipals/" + job.servicePrincipalId() + "/synchronization/jobs/x/restart")
                .then().statusCode(404);
        graph().post(jobPath() + "/restart").then().statusCode(204);
    }
}
