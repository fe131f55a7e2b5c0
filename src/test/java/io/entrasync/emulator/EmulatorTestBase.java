package io.entrasync.emulator;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a fast emulator (no delays) per test and offers the calls most tests make. */
abstract class EmulatorTestBase {
    protected ProvisioningEmulator emu;
    protected JobRef job;

    protected EmulatorSettings settings() {
        return EmulatorSettings.fast();
    }

    @BeforeEach
    void startEmulator() {
        emu = ProvisioningEmulator.start(settings());
        job = emu.defaultJob();
    }

    @AfterEach
    void stopEmulator() {
        emu.close();
    }

    protected RequestSpecification graph() {
        return given().baseUri(emu.baseUrl()).header("Authorization", "Bearer test-token");
    }

    protected String bulkPath() {
        return bulkPath("beta");
    }

    protected String bulkPath(String version) {
        return "/" + version + "/servicePrincipals/" + job.servicePrincipalId() + "/synchronization/jobs/"
                + job.jobId() + "/bulkUpload";
    }

    protected Response upload(String body) {
        return graph().contentType("application/scim+json").body(body).post(bulkPath());
    }

    protected Response upload(ObjectNode body) {
        return upload(body.toString());
    }

    /** Uploads, expects 202, and waits until the emulator processed it. */
    protected void uploadAndProcess(ObjectNode body) {
        upload(body).then().statusCode(202);
        awaitIdle();
    }

    protected void awaitIdle() {
        try {
            emu.awaitIdle(Duration.ofSeconds(10));
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
