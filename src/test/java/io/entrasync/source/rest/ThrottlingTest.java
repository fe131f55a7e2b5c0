package io.entrasync.source.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Throttling that is not only 429: Paylocity answers 403 when throttling (developer.paylocity.com),
 * HiBob sends {@code X-RateLimit-Reset} as epoch seconds and allows 50 requests a minute (apidocs.hibob.com).
 * Waits are recorded by the stub's sleeper against its fixed clock, not slept.
 */
class ThrottlingTest {

    @RegisterExtension
    final ApiStub stub = new ApiStub();

    private ApiSettings.Builder settings(ApiThrottling throttling) {
        return ApiSettings.builder("hr").baseUrl(stub.url()).path("/people").recordsPath("items").idField("id")
                .http(ApiStub.fastHttp()).throttling(throttling);
    }

    private void throttledOnceThen(ResponseDefinitionBuilder throttled) {
        stub.server.stubFor(get(urlPathEqualTo("/people")).inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(throttled).willSetStateTo("ok"));
        stub.server.stubFor(get(urlPathEqualTo("/people")).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"items\": [{\"id\": \"a\"}]}")));
    }

    @Test
    void a403ListedAsThrottlingWaitsUntilTheEpochSecondsOfXRateLimitReset() {
        long reset = ApiStub.NOW.plusSeconds(7).getEpochSecond();
        throttledOnceThen(aResponse().withStatus(403).withHeader("X-RateLimit-Reset", Long.toString(reset)));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings(new ApiThrottling(Set.of(403), 0))
                .build()), Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("a");
        assertThat(stub.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void a403NotListedAsThrottlingFailsAtOnceAsAPermissionProblem() {
        throttledOnceThen(aResponse().withStatus(403).withHeader("X-RateLimit-Reset", "7"));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings(ApiThrottling.defaults()).build()),
                Optional.empty());

        assertThat(outcome.failure()).hasMessageContaining("HTTP 403").hasMessageContaining("lack permission");
        assertThat(stub.waits).isEmpty();
        stub.server.verify(1, getRequestedFor(urlPathEqualTo("/people")));
    }

    @Test
    void aSmallXRateLimitResetIsSecondsToWait() {
        throttledOnceThen(aResponse().withStatus(429).withHeader("X-RateLimit-Reset", "5"));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings(ApiThrottling.defaults()).build()),
                Optional.empty());

        assertThat(outcome.values("id")).containsExactly("a");
        assertThat(stub.waits).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void aThrottlingStatusThatNeverEndsFailsNamingTheSetting() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).willReturn(aResponse().withStatus(403)));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings(new ApiThrottling(Set.of(403), 0))
                .build()), Optional.empty());

        assertThat(outcome.failure()).hasMessageContaining("HTTP 403 after 3 attempts")
                .hasMessageContaining("http.throttle-statuses");
    }

    @Test
    void aRequestRateSpacesTheRequestsOfARead() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("{\"items\": [{\"id\": \"a\"}]}")));
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("{\"items\": [{\"id\": \"b\"}]}")));
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("page", equalTo("3"))
                .willReturn(okJson("{\"items\": []}")));
        PagingSettings pages = new PagingSettings(PagingStyle.PAGE_NUMBER, 1, "per_page", "", "", "", "page",
                Optional.empty(), Optional.empty(), 1);

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings(new ApiThrottling(Set.of(), 50))
                .paging(pages).build()), Optional.empty());

        assertThat(outcome.values("id")).containsExactly("a", "b");
        // 60 s / 50 = 1.2 s before each request after the first (the stub's clock stands still)
        assertThat(stub.waits).containsExactly(Duration.ofMillis(1200), Duration.ofMillis(1200));
    }
}
