package io.entrasync.source.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
 * SCIM 2.0 ListResponse shapes (RFC 7644 section 3.4.2): {@code Resources}, {@code totalResults}, 1-based
 * {@code startIndex}, {@code itemsPerPage}; {@code filter=meta.lastModified gt "…"}.
 */
class ScimPresetTest {

    private static final String STORED_WATERMARK = "2026-10-01T00:00:00Z";

    @RegisterExtension
    final ApiStub stub = new ApiStub();

    private RestSource source() {
        return stub.source(ApiPresets.builder(ApiPresets.SCIM, "hr-scim")
                .baseUrl(stub.url() + "/scim/v2")
                .paging(new PagingSettings(PagingStyle.START_INDEX, 2, "count", "", "", "", "startIndex",
                        Optional.of("totalResults"), Optional.empty(), 1))
                .auth(new ApiAuth.ApiKey("Authorization", "Bearer ", "scim-token"))
                .http(ApiStub.fastHttp())
                .build());
    }

    private static String user(String id, String lastModified) {
        return """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "id": "%s", "externalId": "E%s", "userName": "%s@acme.example",
                 "name": {"givenName": "Given %s", "familyName": "Family"},
                 "emails": [{"value": "%s@acme.example", "type": "work", "primary": true}],
                 "active": true,
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "%s",
                     "manager": {"value": "boss"}},
                 "meta": {"resourceType": "User", "created": "2020-01-01T00:00:00Z", "lastModified": "%s"}}
                """.formatted(id, id, id, id, id, id, lastModified);
    }

    private static String page(int startIndex, String... users) {
        return """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 5,
                 "startIndex": %d, "itemsPerPage": %d, "Resources": [%s]}
                """.formatted(startIndex, users.length, String.join(",", users));
    }

    private static MappingBuilder pageRequest(int startIndex) {
        return get(urlPathEqualTo("/scim/v2/Users"))
                .withQueryParam("startIndex", equalTo(Integer.toString(startIndex)));
    }

    private void stubPages(boolean lastPageBroken) {
        stub.server.stubFor(pageRequest(1).willReturn(okJson(page(1,
                user("a", "2026-10-02T10:00:00Z"), user("b", "2026-10-03T10:00:00Z")))));
        stub.server.stubFor(pageRequest(3).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")).willSetStateTo("served"));
        stub.server.stubFor(pageRequest(3).inScenario("throttle").whenScenarioStateIs("served")
                .willReturn(okJson(page(3, user("c", "2026-10-04T10:00:00Z"), "[1, 2]"))));
        stub.server.stubFor(pageRequest(5).willReturn(lastPageBroken
                ? aResponse().withStatus(502)
                : okJson(page(5, user("d", "2026-10-02T12:00:00Z")))));
    }

    @Test
    void pagesByStartIndexUntilTotalResultsThroughAThrottledPage() {
        stubPages(false);

        ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("a", "b", "c", "d");
        assertThat(outcome.records().get(0).values())
                .containsEntry("name.givenName", "Given a")
                .containsEntry("emails.0.value", "a@acme.example")
                .containsEntry("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager.value", "boss")
                .containsEntry("meta.lastModified", "2026-10-02T10:00:00Z");
        assertThat(outcome.malformed()).singleElement().satisfies(m -> {
            assertThat(m.location()).isEqualTo("page 2, record 2");
            assertThat(m.reason()).contains("got an array");
        });
        assertThat(stub.waits).containsExactly(Duration.ofSeconds(3));
        assertThat(outcome.watermark()).contains("2026-10-04T10:00:00Z");
        // startIndex 1, 3, 5 and then stop: 5 results in all, no request for startIndex 7
        stub.server.verify(0, getRequestedFor(urlPathEqualTo("/scim/v2/Users"))
                .withQueryParam("startIndex", equalTo("7")));
        stub.server.verify(getRequestedFor(urlPathEqualTo("/scim/v2/Users"))
                .withQueryParam("startIndex", equalTo("1")).withQueryParam("count", equalTo("2"))
                .withQueryParam("filter", equalTo("meta.lastModified gt \"2026-09-30T23:59:00Z\""))
                .withHeader("Authorization", equalTo("Bearer scim-token")));
    }

    @Test
    void aReadThatFailsMidwayReportsNoWatermarkAndTheRestartReadsFromTheStoredOne() {
        stubPages(true);

        ApiStub.Outcome failed = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(failed.failure()).hasMessageContaining("source 'hr-scim', page 3: ")
                .hasMessageContaining("HTTP 502");
        assertThat(failed.values("id")).containsExactly("a", "b", "c");
        assertThat(failed.watermark()).isEmpty();

        stub.server.resetAll();
        stubPages(false);
        ApiStub.Outcome restarted = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(restarted.values("id")).containsExactly("a", "b", "c", "d");
        assertThat(restarted.watermark()).contains("2026-10-04T10:00:00Z");
    }

    @Test
    void anEmptyListWithoutResourcesIsAnEmptyReadThatKeepsTheWatermark() {
        stub.server.stubFor(pageRequest(1).willReturn(okJson("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 0}""")));

        ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.items()).isEmpty();
        assertThat(outcome.watermark()).contains(STORED_WATERMARK);
        stub.server.verify(getRequestedFor(urlPathEqualTo("/scim/v2/Users")).withQueryParam("filter",
                equalTo("meta.lastModified gt \"2026-09-30T23:59:00Z\"")).withQueryParam("startIndex", equalTo("1")));
        stub.server.verify(0, getRequestedFor(urlPathEqualTo("/scim/v2/Users")).withQueryParam("startIndex", absent()));
    }

    @Test
    void externalIdIsTheKeySoAResourceWithoutItIsMalformedAtItsPageAndRecord() {
        String withoutExternalId = user("x", "2026-10-02T11:00:00Z").replace("\"externalId\": \"Ex\", ", "");
        stub.server.stubFor(pageRequest(1).willReturn(okJson(page(1, user("a", "2026-10-02T10:00:00Z"),
                withoutExternalId))));
        stub.server.stubFor(pageRequest(3).willReturn(okJson("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 2,
                 "startIndex": 3, "itemsPerPage": 0, "Resources": []}""")));

        ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("externalId")).containsExactly("Ea");
        assertThat(outcome.malformed()).singleElement().satisfies(m -> {
            assertThat(m.location()).isEqualTo("page 1, record 2");
            assertThat(m.reason()).startsWith("source 'hr-scim', page 1, record 2: ").contains("'externalId'");
        });

        // id only when configured: then the provider's own identifier is the key
        RestSource byId = stub.source(ApiPresets.builder(ApiPresets.SCIM, "hr-scim").baseUrl(stub.url() + "/scim/v2")
                .paging(new PagingSettings(PagingStyle.START_INDEX, 2, "count", "", "", "", "startIndex",
                        Optional.of("totalResults"), Optional.empty(), 1))
                .idField("id").auth(new ApiAuth.ApiKey("Authorization", "Bearer ", "scim-token"))
                .http(ApiStub.fastHttp()).build());
        assertThat(ApiStub.drain(byId, Optional.of(STORED_WATERMARK)).values("id")).containsExactly("a", "x");
    }
}
