package io.entrasync.source.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.client.MappingBuilder;

/**
 * SAP SuccessFactors OData v2 shapes: {@code {"d":{"results":[…],"__next":"…$skiptoken=…"}}}, dates as
 * {@code /Date(ms+0000)/}, {@code __metadata} on every entity (SAP KBA 2489065, 3308165; OData v2 JSON format).
 */
class SuccessFactorsPresetTest {

    private static final String PATH = "/odata/v2/User";
    private static final String STORED_WATERMARK = "2024-05-01T00:00:00Z";
    /** The status clause (every status, SAP KBA 2736579) and the delta clause, one minute of overlap. */
    private static final String DELTA_FILTER = "(status in 't','f','T','F','e','d') and "
            + "(lastModifiedDateTime gt datetimeoffset'2024-04-30T23:59:00Z')";

    @RegisterExtension
    final ApiStub stub = new ApiStub();

    private RestSource source() {
        return stub.source(ApiPresets.builder(ApiPresets.SUCCESSFACTORS, "sf")
                .baseUrl(stub.url() + "/odata/v2")
                .auth(new ApiAuth.Basic("sfapi@ACME", "secret"))
                .http(ApiStub.fastHttp())
                .build());
    }

    private String user(String userId, long modifiedMillis) {
        return """
                {"__metadata": {"uri": "%s/odata/v2/User('%s')", "type": "SFOData.User"},
                 "userId": "%s", "firstName": "First %s", "lastName": "Last", "email": "%s@acme.example",
                 "department": "Sales", "lastModifiedDateTime": "/Date(%d+0000)/",
                 "manager": {"__metadata": {"type": "SFOData.User"}, "userId": "m1"}}
                """.formatted(stub.url(), userId, userId, userId, userId, modifiedMillis);
    }

    private String page(String next, String... users) {
        return """
                {"d": {"results": [%s]%s}}""".formatted(String.join(",", users),
                next == null ? "" : ", \"__next\": \"" + stub.url() + PATH + "?$format=json&$skiptoken=" + next + "\"");
    }

    private MappingBuilder pageRequest(String skiptoken) {
        return get(urlPathEqualTo(PATH)).withQueryParam("$skiptoken", skiptoken == null ? absent()
                : equalTo(skiptoken));
    }

    private void stubPages(boolean lastPageBroken) {
        stub.server.stubFor(pageRequest(null).willReturn(okJson(page("p2",
                user("u1", 1714557600000L), user("u2", 1714561200000L)))));
        // page 2 is throttled once
        stub.server.stubFor(pageRequest("p2").inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("served"));
        stub.server.stubFor(pageRequest("p2").inScenario("throttle").whenScenarioStateIs("served")
                .willReturn(okJson(page("p3", user("u3", 1714564800000L),
                        "{\"__metadata\": {\"type\": \"SFOData.User\"}, \"firstName\": \"No id\"}"))));
        stub.server.stubFor(pageRequest("p3").willReturn(lastPageBroken
                ? aResponse().withStatus(503).withBody("Service Unavailable")
                : okJson(page(null, user("u4", 1714568400000L)))));
    }

    @Test
    void followsNextLinksThroughAThrottledPageAndReportsTheMalformedRecord() {
        stubPages(false);

        ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("userId")).containsExactly("u1", "u2", "u3", "u4");
        assertThat(outcome.records().get(0).values())
                .containsEntry("manager.userId", "m1")
                .containsEntry("lastModifiedDateTime", "/Date(1714557600000+0000)/");
        assertThat(outcome.records()).extracting(r -> r.location())
                .containsExactly("page 1, record 1", "page 1, record 2", "page 2, record 1", "page 3, record 1");
        assertThat(outcome.malformed()).singleElement().satisfies(m -> {
            assertThat(m.location()).isEqualTo("page 2, record 2");
            assertThat(m.position()).isEqualTo(4);
            assertThat(m.reason()).startsWith("source 'sf', page 2, record 2: ").contains("'userId'");
        });
        assertThat(stub.waits).containsExactly(Duration.ofSeconds(2));
        // the latest lastModifiedDateTime seen: u4
        assertThat(outcome.watermark()).contains("2024-05-01T13:00:00Z");

        // the delta filter, one minute of overlap before the stored watermark; page size; snapshot paging; basic auth
        stub.server.verify(getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("$skiptoken", absent())
                .withQueryParam("$filter", equalTo(DELTA_FILTER))
                .withQueryParam("customPageSize", equalTo("500"))
                .withQueryParam("paging", equalTo("snapshot"))
                .withQueryParam("$format", equalTo("json"))
                .withHeader("Authorization", equalTo("Basic c2ZhcGlAQUNNRTpzZWNyZXQ=")));
    }

    @Test
    void aReadThatFailsMidwayReportsNoWatermarkAndTheRestartReadsFromTheStoredOne() {
        stubPages(true);

        ApiStub.Outcome failed = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(failed.failure()).hasMessageContaining("source 'sf', page 3: ")
                .hasMessageContaining("HTTP 503 after 3 attempts")
                .hasMessageContaining("without advancing the watermark");
        assertThat(failed.values("userId")).containsExactly("u1", "u2", "u3");
        assertThat(failed.watermark()).isEmpty();

        // Restart: the pipeline still holds the old watermark, so the same delta is asked for again.
        stub.server.resetAll();
        stubPages(false);
        ApiStub.Outcome restarted = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(restarted.failure()).isNull();
        assertThat(restarted.values("userId")).containsExactly("u1", "u2", "u3", "u4");
        assertThat(restarted.watermark()).contains("2024-05-01T13:00:00Z");
        stub.server.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("$skiptoken", absent())
                .withQueryParam("$filter", equalTo(DELTA_FILTER)));
    }

    @Test
    void aFullReadSendsOnlyTheStatusClause() {
        stubPages(false);

        ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.empty());

        assertThat(outcome.values("userId")).hasSize(4);
        assertThat(outcome.watermark()).contains("2024-05-01T13:00:00Z");
        stub.server.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("$skiptoken", absent())
                .withQueryParam("$filter", equalTo("status in 't','f','T','F','e','d'")));
    }

    @Test
    void aNextLinkToAnotherOriginFailsTheReadAndIsNeverFollowed() {
        try (ApiStub elsewhere = new ApiStub()) {
            elsewhere.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(page(null, user("x", 1L)))));
            stub.server.stubFor(pageRequest(null).willReturn(okJson("{\"d\": {\"results\": ["
                    + user("u1", 1714557600000L) + "], \"__next\": \"" + elsewhere.url() + PATH
                    + "?$format=json&$skiptoken=p2\"}}")));

            ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

            assertThat(outcome.values("userId")).containsExactly("u1");
            assertThat(outcome.watermark()).isEmpty();
            assertThat(outcome.failure()).hasMessageContaining("source 'sf', page 1: the next-page link points at "
                    + "http://127.0.0.1:" + elsewhere.server.port())
                    .hasMessageContaining("not at the configured origin http://127.0.0.1:" + stub.server.port())
                    .hasMessageContaining("It is not followed")
                    .hasMessageNotContaining("secret");
            assertThat(elsewhere.server.getAllServeEvents()).as("nothing, least of all credentials, went there")
                    .isEmpty();
        }
    }
}
