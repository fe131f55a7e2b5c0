package io.entrasync.source.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.client.MappingBuilder;

import io.entrasync.auth.ClientCredentialsTokens;
import io.entrasync.support.EmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Personio Persons API v2 shapes: {@code {"_data":[…],"_meta":{"links":{"next":{"href":"…?cursor=…"}}}}}, limit up
 * to 50, {@code updated_at.gt} filter, OAuth 2 client credentials at {@code /v2/auth/token} (through the app's token
 * client, quarkus-oidc-client, hence a {@code @QuarkusTest}).
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class PersonioPresetTest {

    @Inject
    ClientCredentialsTokens tokens;

    private static final String PATH = "/v2/persons";
    private static final String STORED_WATERMARK = "2026-11-01T08:00:00Z";

    @RegisterExtension
    final ApiStub stub = new ApiStub();

    @BeforeEach
    void start() {
        stub.server.stubFor(post(urlPathEqualTo("/v2/auth/token"))
                .willReturn(okJson(
                        "{\"access_token\": \"tok-1\", \"token_type\": \"Bearer\", \"expires_in\": 86400}")));
    }

    private RestSource source() {
        return stub.source(tokens, ApiPresets.builder(ApiPresets.PERSONIO, "personio")
                .baseUrl(stub.url())
                .auth(new ApiAuth.OAuth2ClientCredentials(URI.create(stub.url() + "/v2/auth/token"), "papi-client",
                        "papi-secret", Optional.empty(), true))
                .http(ApiStub.fastHttp())
                .build());
    }

    private static String person(String id, String updatedAt) {
        return """
                {"id": "%s", "email": "%s@acme.example", "first_name": "First %s", "last_name": "Last",
                 "preferred_name": "", "gender": "FEMALE", "status": "ACTIVE",
                 "created_at": "2024-01-01T00:00:00Z", "updated_at": "%s",
                 "custom_attributes": [{"id": "dynamic_1", "global_id": "1", "label": "Cost centre",
                                        "type": "string", "value": "CC-7"}]}
                """.formatted(id, id, id, updatedAt);
    }

    private String page(String nextCursor, String... persons) {
        String links = nextCursor == null
                ? "{\"self\": {\"href\": \"" + stub.url() + PATH + "\"}}"
                : "{\"self\": {\"href\": \"" + stub.url() + PATH + "\"}, \"next\": {\"href\": \"" + stub.url() + PATH
                        + "?limit=50&cursor=" + nextCursor + "\"}}";
        return """
                {"_data": [%s], "_meta": {"links": %s}}""".formatted(String.join(",", persons), links);
    }

    private MappingBuilder pageRequest(String cursor) {
        return get(urlPathEqualTo(PATH)).withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor));
    }

    private void stubPages(boolean lastPageBroken) {
        stub.server.stubFor(pageRequest(null).willReturn(okJson(page("cur_2",
                person("1001", "2026-11-02T09:00:00Z"), "\"not-a-person\"", person("1002", "2026-11-02T10:30:00Z")))));
        stub.server.stubFor(pageRequest("cur_2").inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("served"));
        stub.server.stubFor(pageRequest("cur_2").inScenario("throttle").whenScenarioStateIs("served")
                .willReturn(okJson(page("cur_3", person("1003", "2026-11-03T07:00:00Z")))));
        stub.server.stubFor(pageRequest("cur_3").willReturn(lastPageBroken
                ? aResponse().withStatus(500).withBody("{\"errors\":[{\"title\":\"Internal error\"}]}")
                : okJson(page(null, person("1004", "2026-11-02T11:00:00Z")))));
    }

    @Test
    void followsTheNextHrefWithABearerTokenThroughAThrottledPage() {
        stubPages(false);

        ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("1001", "1002", "1003", "1004");
        assertThat(outcome.records().get(0).values())
                .containsEntry("custom_attributes.0.label", "Cost centre")
                .containsEntry("custom_attributes.0.value", "CC-7");
        assertThat(outcome.malformed()).singleElement().satisfies(m -> {
            assertThat(m.location()).isEqualTo("page 1, record 2");
            assertThat(m.reason()).contains("source 'personio', page 1, record 2")
                    .contains("expected a JSON object, got a string");
        });
        assertThat(stub.waits).containsExactly(Duration.ofSeconds(1));
        assertThat(outcome.watermark()).contains("2026-11-03T07:00:00Z");

        stub.server.verify(1, postRequestedFor(urlPathEqualTo("/v2/auth/token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=papi-client")));
        stub.server.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("cursor", absent())
                .withQueryParam("limit", equalTo("50"))
                .withQueryParam("updated_at.gt", equalTo("2026-11-01T07:59:00Z"))
                .withHeader("Authorization", equalTo("Bearer tok-1")));
    }

    @Test
    void aTokenEndpointGatewayErrorIsRetriedInsideTheGuardLikeThePageItself() {
        stub.server.stubFor(post(urlPathEqualTo("/v2/auth/token")).inScenario("gateway").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody("<html><head><title>502 Bad Gateway</title></head></html>"))
                .willSetStateTo("up"));
        stub.server.stubFor(post(urlPathEqualTo("/v2/auth/token")).inScenario("gateway").whenScenarioStateIs("up")
                .willReturn(okJson("{\"access_token\": \"tok-2\", \"expires_in\": 86400}")));
        stub.server.stubFor(pageRequest(null).willReturn(okJson(page(null, person("1001", "2026-11-02T09:00:00Z")))));

        ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("1001");
        assertThat(stub.waits).singleElement().satisfies(w -> assertThat(w).isBetween(
                ApiStub.fastHttp().initialBackoff().dividedBy(2), ApiStub.fastHttp().initialBackoff()));
        stub.server.verify(2, postRequestedFor(urlPathEqualTo("/v2/auth/token")));
        stub.server.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization",
                equalTo("Bearer tok-2")));
    }

    @Test
    void anExpiredTokenIsRenewedOnceOn401() {
        stub.server.stubFor(post(urlPathEqualTo("/v2/auth/token")).inScenario("tokens").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"access_token\": \"old\", \"expires_in\": 86400}")).willSetStateTo("renewed"));
        stub.server.stubFor(post(urlPathEqualTo("/v2/auth/token")).inScenario("tokens").whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"access_token\": \"new\", \"expires_in\": 86400}")));
        stub.server.stubFor(pageRequest(null).withHeader("Authorization", equalTo("Bearer old"))
                .willReturn(aResponse().withStatus(401)));
        stub.server.stubFor(pageRequest(null).withHeader("Authorization", equalTo("Bearer new"))
                .willReturn(okJson(page(null, person("1001", "2026-11-02T09:00:00Z")))));

        ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("1001");
    }

    @Test
    void aReadThatFailsMidwayReportsNoWatermarkAndTheRestartReadsFromTheStoredOne() {
        stubPages(true);

        ApiStub.Outcome failed = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(failed.failure()).hasMessageContaining("source 'personio', page 3: ")
                .hasMessageContaining("HTTP 500");
        assertThat(failed.values("id")).containsExactly("1001", "1002", "1003");
        assertThat(failed.watermark()).isEmpty();

        stub.server.resetScenarios();
        stubPages(false);
        ApiStub.Outcome restarted = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(restarted.values("id")).containsExactly("1001", "1002", "1003", "1004");
        assertThat(restarted.watermark()).contains("2026-11-03T07:00:00Z");
        stub.server.verify(2, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("cursor", absent())
                .withQueryParam("updated_at.gt", equalTo("2026-11-01T07:59:00Z")));
    }

    @Test
    void aNextLinkWithAnotherSchemeFailsTheReadWithoutSendingTheToken() {
        stub.server.stubFor(post(urlPathEqualTo("/v2/auth/token")).willReturn(okJson(
                "{\"access_token\": \"tok-1\", \"token_type\": \"Bearer\", \"expires_in\": 86400}")));
        String https = stub.url().replace("http://", "https://");
        stub.server.stubFor(pageRequest(null).willReturn(okJson("{\"_data\": [" + person("1", "2026-11-02T00:00:00Z")
                + "], \"_meta\": {\"links\": {\"next\": {\"href\": \"" + https + PATH + "?cursor=c2\"}}}}")));

        ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(outcome.values("id")).containsExactly("1");
        assertThat(outcome.watermark()).isEmpty();
        assertThat(outcome.failure()).hasMessageContaining("source 'personio', page 1: the next-page link points at "
                + "https://127.0.0.1:" + stub.server.port()).hasMessageNotContaining("tok-1");
        stub.server.verify(0, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo("c2")));
    }
}
