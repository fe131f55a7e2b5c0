package io.entrasync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import io.restassured.RestAssured;

/** GET .../jobs/{jobId}, quarantine and POST .../restart. */
class JobAndQuarantineTest extends EmulatorTestBase {

    private String jobPath() {
        return "/beta/servicePrincipals/" + job.servicePrincipalId() + "/synchronization/jobs/" + job.jobId();
    }

    @Test
    void theJobIsActiveAndShowsItsLastExecution() {
        graph().get(jobPath()).then().statusCode(200)
                .body("id", equalTo(job.jobId()))
                .body("templateId", equalTo("API2AAD"))
                .body("status.code", equalTo("Active"))
                .body("status.quarantine", nullValue())
                .body("status.lastExecution", nullValue());
        uploadAndProcess(Scim.bulk(Scim.user("E1", "e1@example.com", true)));
        graph().get(jobPath()).then().body("status.lastExecution.timeEnded", notNullValue());
        graph().get("/v1.0/servicePrincipals/" + job.servicePrincipalId()
                + "/synchronization/jobs/API2AAD.nope").then().statusCode(404);
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

    @Test
    void quarantineCanBeSwitchedOverTheAdminEndpoint() {
        graph().contentType("application/json").body("{\"quarantined\": true}")
                .put("/_emulator/jobs/" + job.jobId() + "/quarantine").then().statusCode(200).body("quarantined",
                equalTo(true));
        assertThat(emu.isQuarantined(job)).isTrue();
        graph().contentType("application/json").body("{\"quarantined\": false}")
                .put("/_emulator/jobs/" + job.jobId() + "/quarantine").then().statusCode(200);
        assertThat(emu.isQuarantined(job)).isFalse();
        graph().contentType("application/json").body("{}").put("/_emulator/jobs/" + job.jobId()
                + "/quarantine").then().statusCode(400);
    }

    @Test
    void restartNeedsATokenAndAKnownJob() {
        RestAssured.given().baseUri(emu.baseUrl()).post(jobPath() + "/restart").then().statusCode(401);
        graph().post("/beta/servicePrincipals/" + job.servicePrincipalId()
                + "/synchronization/jobs/x/restart").then().statusCode(404);
        graph().post(jobPath() + "/restart").then().statusCode(204);
    }
}
