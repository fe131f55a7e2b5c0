package io.entrasync.job;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.entrasync.auth.AuthSettings;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.support.EmulatorResource;
import io.entrasync.upload.BulkUploadTarget;
import io.entrasync.upload.PacingSettings;
import io.entrasync.upload.UploadEngine;
import io.entrasync.upload.UploadSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The job commands' typed REST client retries like every Graph call (the SmallRye FT guard of
 * {@code io.entrasync.graph.GraphRetry}): against a Graph stand-in answering a gateway error first, with tokens from
 * the emulator.
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class GraphJobClientRetryTest {

    private static final String SP = "6b9f3ac4-1d2e-4c34-9f0a-2c1f5c7e8a11";
    private static final String JOB = "API2AAD.8a2f6f3e1b0c4b8f9d7e6c5b4a392817." + SP;
    private static final String PATH = "/beta/servicePrincipals/" + SP + "/synchronization/jobs/" + JOB;
    private static final String JOB_JSON = "{\"id\":\"" + JOB + "\",\"templateId\":\"API2AAD\","
            + "\"schedule\":{\"state\":\"Active\"},\"status\":{\"code\":\"Active\",\"quarantine\":null}}";

    @Inject
    JobClients clients;

    private WireMockServer graph;

    @BeforeEach
    void start() {
        graph = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        graph.start();
    }

    @AfterEach
    void stop() {
        graph.stop();
    }

    private GraphJobClient client(int maxAttempts) {
        AuthSettings auth = AuthSettings.clientSecret(EmulatorResource.emulator().tokenEndpoint(), "quarkus-test",
                "quarkus-test-secret");
        UploadSettings settings = new UploadSettings("hr", new BulkUploadTarget(graph.baseUrl(), "beta", SP, JOB), auth,
                PacingSettings.DEFAULT, 2000, JOB, new RetryPolicy(maxAttempts, Duration.ofMillis(10),
                        Duration.ofSeconds(5)), Duration.ofSeconds(5), Duration.ofSeconds(10),
                UploadEngine.DEFAULT_MAX_IN_FLIGHT);
        return clients.forSource(settings);
    }

    @Test
    void aGatewayErrorWithRetryAfterIsRetriedAndTheJobIsRead() {
        graph.stubFor(get(urlPathEqualTo(PATH)).inScenario("gateway").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")
                        .withHeader("Content-Type", "text/html").withBody("<html><title>503</title></html>"))
                .willSetStateTo("up"));
        graph.stubFor(get(urlPathEqualTo(PATH)).inScenario("gateway").whenScenarioStateIs("up")
                .willReturn(okJson(JOB_JSON)));

        SynchronizationJob job = client(3).job();

        assertThat(job.statusCode()).isEqualTo("Active");
        graph.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void retriesEndAtThePolicysLimitWithTheServicesMessageScrubbed() {
        graph.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"failed for"
                        + " Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln\"}}")));

        assertThatThrownBy(() -> client(3).job()).isInstanceOfSatisfying(JobApiException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.getMessage()).contains("after 3 attempts", "InternalServerError")
                    .doesNotContain("eyJhbGciOiJub25lIn0");
        });
        graph.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aRefusalIsNotRetried() {
        graph.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"denied\"}}")));

        assertThatThrownBy(() -> client(3).job()).isInstanceOfSatisfying(JobApiException.class,
                e -> assertThat(e.getMessage()).contains(GraphJobClient.READ));
        graph.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }
}
