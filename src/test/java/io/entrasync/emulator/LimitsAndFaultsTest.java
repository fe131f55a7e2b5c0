package io.entrasync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Per-job call window, tenant quota and injected faults on bulkUpload. */
class LimitsAndFaultsTest extends EmulatorTestBase {

    private String oneUser() {
        return Scim.bulk(Scim.user("E1", "e1@example.com", true)).toString();
    }

    @Test
    void theCallWindowAnswers429WithRetryAfterInSeconds() {
        emu.updateSettings(s -> s.withCallsPerWindow(3, Duration.ofSeconds(30)));
        for (int i = 0; i < 3; i++) {
            upload(oneUser()).then().statusCode(202);
        }
        var throttled = upload(oneUser());
        throttled.then().statusCode(429).body("error.code", equalTo("TooManyRequests"))
                .body("error.message", containsString("3 calls in any 30s"));
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(25, 30);
        assertThat(emu.stats().calls().throttled()).isEqualTo(1);
        assertThat(emu.stats().calls().accepted()).isEqualTo(3);
    }

    /** The strict reading of "40 API calls within any 5-second window" (docs/emulator.md): one window per tenant. */
    @Test
    void theWindowIsSharedByEveryJobOfTheTenant() {
        emu.close();
        JobRef a = new JobRef("sp-a", "API2AAD.aaaa.1");
        JobRef b = new JobRef("sp-b", "API2AAD.bbbb.2");
        emu = ProvisioningEmulator.start(EmulatorSettings.fast().withJobs(a, b).withCallsPerWindow(2,
                Duration.ofSeconds(30)));
        job = a;
        upload(oneUser()).then().statusCode(202);
        job = b;
        upload(oneUser()).then().statusCode(202);
        upload(oneUser()).then().statusCode(429).body("error.message", containsString("every other job of the tenant"));
        job = a;
        upload(oneUser()).then().statusCode(429);
        assertThat(emu.stats().calls().accepted()).isEqualTo(2);
    }

    /** Counted when answered: a call held for its latency is not in the window until then. */
    @Test
    void theServiceCanCountACallWhenItAnswers() {
        emu.updateSettings(s -> s.withCallsPerWindow(1, Duration.ofSeconds(30))
                .withNetwork(s.network().withLatency(Duration.ofMillis(300), Duration.ofMillis(300))
                        .withCountingAtAnswer(true)));
        Instant sent = Instant.now();

        upload(oneUser()).then().statusCode(202);

        assertThat(emu.bulkUploadArrivals().arrivals()).singleElement()
                .satisfies(counted -> assertThat(Duration.between(sent,
                counted)).isGreaterThanOrEqualTo(Duration.ofMillis(300)));
        upload(oneUser()).then().statusCode(429);
    }

    /** A request that reaches the service late is counted when it arrives, and answered no earlier. */
    @Test
    void aLateRequestIsCountedWhenItArrives() {
        emu.updateSettings(s -> s.withNetwork(s.network().withLateArrivals(1, Duration.ofMillis(300))));
        Instant sent = Instant.now();

        upload(oneUser()).then().statusCode(202);

        assertThat(emu.bulkUploadArrivals().arrivals()).singleElement()
                .satisfies(counted -> assertThat(Duration.between(sent, counted))
                        .isGreaterThanOrEqualTo(Duration.ofMillis(300)));
    }

    @Test
    void theTenantQuotaCountsEveryJobAndAnswers429() {
        emu.close();
        JobRef a = new JobRef("sp-a", "API2AAD.aaaa.1");
        JobRef b = new JobRef("sp-b", "API2AAD.bbbb.2");
        emu = ProvisioningEmulator.start(EmulatorSettings.fast().withJobs(a, b).withDailyQuota(2));
        job = a;
        upload(oneUser()).then().statusCode(202);
        job = b;
        upload(oneUser()).then().statusCode(202);
        var over = upload(oneUser());
        over.then().statusCode(429).body("error.message", containsString("quota of 2"));
        assertThat(Long.parseLong(over.header("Retry-After"))).isGreaterThan(80_000);
        emu.updateSettings(s -> s.withDailyQuota(3));
        upload(oneUser()).then().statusCode(202);
    }

    @Test
    void injected429And500And503() {
        emu.updateSettings(s -> s.withFaults(1, 0, 0, 0).withInjectedRetryAfter(Duration.ofSeconds(7)));
        upload(oneUser()).then().statusCode(429).header("Retry-After", "7");
        emu.updateSettings(s -> s.withFaults(0, 1, 0, 0));
        upload(oneUser()).then().statusCode(500).body("error.code", equalTo("InternalServerError"));
        emu.updateSettings(s -> s.withFaults(0, 0, 1, 0));
        upload(oneUser()).then().statusCode(503).body("error.code", equalTo("ServiceUnavailable")).header("Retry-After",
                "7");
        emu.updateSettings(s -> s.withFaults(0, 0, 0, 0));
        upload(oneUser()).then().statusCode(202);
        var calls = emu.stats().calls();
        assertThat(calls.throttled()).isEqualTo(1);
        assertThat(calls.failed()).isEqualTo(2);
        assertThat(calls.accepted()).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionGetsNoAnswerAtAll() throws Exception {
        emu.updateSettings(s -> s.withFaults(0, 0, 0, 1));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(emu.bulkUploadUrl(job)))
                .header("Authorization", "Bearer t").header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(oneUser())).build();
        assertThatThrownBy(() -> client.send(request,
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(emu.stats().calls().failed()).isEqualTo(1);
        assertThat(emu.pendingUploads()).isZero();

        emu.updateSettings(s -> s.withFaults(0, 0, 0, 0));
        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
    }

    @Test
    void faultProbabilitiesAreValidated() {
        assertThatThrownBy(() -> emu.updateSettings(s -> s.withFaults(0.6, 0.6, 0,
                0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.updateSettings(s -> s.withFaults(-0.1, 0, 0,
                0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.updateSettings(s -> s.withFailingExternalIds("[", "X", false)))
                .hasMessageContaining("regex");
    }
}
