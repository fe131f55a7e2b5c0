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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.http.Fault;

/** The generic connector: paging styles, retries, time-outs and the watermark contract, independent of presets. */
class RestSourceTest {

    @RegisterExtension
    final ApiStub stub = new ApiStub();

    private ApiSettings.Builder settings() {
        return ApiSettings.builder("generic").baseUrl(stub.url()).path("/people").recordsPath("items").idField("id")
                .http(ApiStub.fastHttp());
    }

    private static String items(String... ids) {
        StringBuilder json = new StringBuilder("{\"items\": [");
        for (int i = 0; i < ids.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\": \"").append(ids[i])
                    .append("\", \"modified\": \"2026-01-0").append(ids[i].length()).append("T00:00:00Z\"}");
        }
        return json.append("]}").toString();
    }

    @Test
    void followsRfc8288LinkHeaders() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("page", absent())
                .willReturn(okJson(items("a", "b"))
                .withHeader("Link", "<" + stub.url() + "/people?page=1>; rel=\"prev\", "
                        + "</people?page=2>; rel=\"next\"")));
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(items("c")).withHeader("Link", "</people?page=1>; rel=\"prev\"")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings()
                .paging(new PagingSettings(PagingStyle.LINK_HEADER, 0, "", "", "", "", "",
                        Optional.empty(), Optional.empty(), 1))
                .build()), Optional.empty());

        assertThat(outcome.values("id")).containsExactly("a", "b", "c");
        assertThat(outcome.records().get(2).location()).isEqualTo("page 2, record 1");
    }

    @Test
    void pagesByOffsetUntilAnEmptyPageEvenWhenTheServerCapsThePageSize() {
        // asks for 3, the server gives 2 at a time: the connector must not stop at the first short page
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson(items("a", "b"))));
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson(items("c", "d"))));
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("offset", equalTo("4"))
                .willReturn(okJson(items())));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings()
                .paging(new PagingSettings(PagingStyle.OFFSET_LIMIT, 3, "limit", "", "", "", "offset",
                        Optional.empty(), Optional.empty(), 1))
                .build()), Optional.empty());

        assertThat(outcome.values("id")).containsExactly("a", "b", "c", "d");
        stub.server.verify(3, getRequestedFor(urlPathEqualTo("/people")).withQueryParam("limit", equalTo("3")));
    }

    @Test
    void sendsTheCursorFromTheBodyBack() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("cursor", absent())
                .willReturn(okJson("{\"items\": [{\"id\": \"a\"}], \"meta\": {\"next_cursor\": \"c2\"}}")));
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("cursor", equalTo("c2"))
                .willReturn(okJson("{\"meta\": {\"next_cursor\": null}, \"items\": [{\"id\": \"b\"}]}")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings()
                .paging(new PagingSettings(PagingStyle.CURSOR, 1, "limit", "", "meta.next_cursor", "cursor", "",
                        Optional.empty(), Optional.empty(), 1))
                .build()), Optional.empty());

        assertThat(outcome.values("id")).containsExactly("a", "b");
    }

    @Test
    void aLongRetryAfterIsCappedByTheSettings() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")).willSetStateTo("ok"));
        stub.server.stubFor(get(urlPathEqualTo("/people")).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(okJson(items("a"))));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings().http(new HttpSettings(Duration.ofSeconds(2),
                Duration.ofSeconds(2), 3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(30)))
                        .build()),
                Optional.empty());

        assertThat(outcome.values("id")).containsExactly("a");
        assertThat(stub.waits).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void retriesAResponseThatTimesOut() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).inScenario("f").whenScenarioStateIs(STARTED)
                .willReturn(okJson(items("late")).withFixedDelay(1500)).willSetStateTo("ok"));
        stub.server.stubFor(get(urlPathEqualTo("/people")).inScenario("f").whenScenarioStateIs("ok")
                .willReturn(okJson(items("a"))));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings().http(new HttpSettings(Duration.ofSeconds(1),
                Duration.ofMillis(300), 3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(1)))
                        .build()),
                Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("a");
        // the first backoff: equal jitter between half the initial backoff and the initial backoff
        assertThat(stub.waits).singleElement().satisfies(w -> assertThat(w).isBetween(Duration.ofMillis(5),
                Duration.ofMillis(10)));
    }

    @Test
    void givesUpAfterTheAttemptLimitNamingSourceAndPage() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings().build()), Optional.empty());

        assertThat(outcome.failure()).isInstanceOf(ApiSourceException.class)
                .hasMessageStartingWith("source 'generic', page 1: GET " + stub.url()
                        + "/people failed after 3 attempts");
        assertThat(outcome.watermark()).isEmpty();
        // two waits between three attempts (the JDK client may itself resend a reset GET once per attempt), the
        // ceiling doubling: 10 ms, then 20 ms, each jittered down to no less than half of it
        assertThat(stub.waits).hasSize(2);
        assertThat(stub.waits.get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
        assertThat(stub.waits.get(1)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void theBackoffJitterSpansHalfTheCeilingToTheCeiling() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        stub.jitter = () -> 0.0;
        ApiStub.drain(stub.source(settings().build()), Optional.empty());
        stub.jitter = () -> Math.nextDown(1.0);
        ApiStub.drain(stub.source(settings().build()), Optional.empty());

        // lowest draw: half of each ceiling (10 ms, then 20 ms); highest: just under the ceiling, in whole milliseconds
        assertThat(stub.waits).containsExactly(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(9),
                Duration.ofMillis(19));
    }

    @Test
    void aRefusedCredentialIsNotRetriedAndSaysWhatToCheck() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\": \"invalid api key\"}")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings()
                .auth(new ApiAuth.ApiKey("X-API-Key", "", "key-123")).build()), Optional.empty());

        assertThat(outcome.failure()).hasMessageContaining("source 'generic', page 1")
                .hasMessageContaining("HTTP 401").hasMessageContaining("invalid api key")
                .hasMessageContaining("check the user, password, API key")
                .hasMessageNotContaining("key-123");
        stub.server.verify(1, getRequestedFor(urlPathEqualTo("/people")).withHeader("X-API-Key", equalTo("key-123")));
    }

    @Test
    void aWrongRecordsPathIsAnErrorNotAnEmptyRead() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).willReturn(okJson("{\"value\": [{\"id\": \"a\"}]}")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings().build()), Optional.empty());

        assertThat(outcome.failure()).hasMessageContaining("no records at 'items'")
                .hasMessageContaining("records-path");
        assertThat(outcome.watermark()).isEmpty();
    }

    @Test
    void aNextLinkToTheSamePageStopsInsteadOfLooping() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).willReturn(okJson(
                "{\"items\": [{\"id\": \"a\"}], \"next\": \"" + stub.url() + "/people\"}")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings()
                .paging(new PagingSettings(PagingStyle.NEXT_LINK, 0, "", "next", "", "", "",
                        Optional.empty(), Optional.empty(), 1))
                .build()), Optional.empty());

        assertThat(outcome.failure()).hasMessageContaining("points at the same page");
        assertThat(outcome.values("id")).containsExactly("a");
    }

    @Test
    void theWatermarkOnlyComesAfterTheLastItemWasHandedOut() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).willReturn(okJson(items("a", "bb", "ccc"))));
        RestSource source = stub.source(settings().incremental(new IncrementalSettings("since", "{watermark}", "",
                Optional.of("modified"), Optional.empty(), Duration.ZERO, Optional.empty())).build());

        try (ApiRead read = source.read(Optional.of("2025-12-31T00:00:00Z"))) {
            read.next();
            read.next();
            assertThat(read.nextWatermark()).as("two of three handed out").isEmpty();
            read.next();
            assertThat(read.nextWatermark()).as("the end not yet seen").isEmpty();
            assertThat(read.hasNext()).isFalse();
            assertThat(read.nextWatermark()).contains("2026-01-03T00:00:00Z");
        }
        try (ApiRead abandoned = source.read(Optional.of("2025-12-31T00:00:00Z"))) {
            abandoned.next();
            abandoned.close(); // the consumer stopped (a crash, a cancelled run)
            assertThat(abandoned.hasNext()).isFalse();
            assertThat(abandoned.nextWatermark()).isEmpty();
        }
        stub.server.verify(2, getRequestedFor(urlPathEqualTo("/people")).withQueryParam("since",
                equalTo("2025-12-31T00:00:00Z")));
    }

    @Test
    void theWatermarkNeverMovesBackwards() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).willReturn(okJson(items("a"))));
        RestSource source = stub.source(settings().incremental(new IncrementalSettings("since", "{watermark}", "",
                Optional.of("modified"), Optional.empty(), Duration.ZERO, Optional.empty())).build());

        // a record stamped before the stored watermark (the overlap re-read it): keep the stored one
        assertThat(ApiStub.drain(source, Optional.of("2026-02-01T00:00:00Z")).watermark())
                .contains("2026-02-01T00:00:00Z");
    }

    @Test
    void pageBodiesSpooledToDiskAreDeletedWhetherTheReadSucceedsOrFails() throws Exception {
        Set<Path> before = spooled();
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("page", absent())
                .willReturn(okJson("{\"items\": [{\"id\": \"a\"}], \"next\": \"/people?page=2\"}")));
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("{\"items\": [{\"id\": \"b\"}, {\"id\": ")));
        RestSource source = stub.source(settings()
                .paging(new PagingSettings(PagingStyle.NEXT_LINK, 0, "", "next", "", "", "",
                        Optional.empty(), Optional.empty(), 1))
                .build());

        ApiStub.Outcome outcome = ApiStub.drain(source, Optional.empty());

        assertThat(outcome.failure()).hasMessageContaining("page 2: the response is not valid JSON");
        assertThat(outcome.values("id")).containsExactly("a", "b");
        assertThat(spooled()).isSubsetOf(before);
    }

    private static Set<Path> spooled() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("entrasync-api-"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void aStoredWatermarkThatIsNotATimestampIsRejectedClearly() {
        RestSource source = stub.source(settings().build());

        assertThatThrownBy(() -> source.read(Optional.of("last tuesday")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'last tuesday' is not a timestamp");
    }

    @Test
    void aRedirectWithinTheOriginIsFollowedOneToAnotherOriginIsNot() {
        try (ApiStub elsewhere = new ApiStub()) {
            elsewhere.server.stubFor(get(urlPathEqualTo("/people")).willReturn(okJson(items("x"))));
            stub.server.stubFor(get(urlPathEqualTo("/people")).willReturn(aResponse().withStatus(307)
                    .withHeader("Location", "/v2/people")));
            stub.server.stubFor(get(urlPathEqualTo("/v2/people")).willReturn(okJson(items("a"))));

            ApiSettings.Builder withKey = settings().auth(new ApiAuth.ApiKey("X-API-Key", "", "key-123"));
            assertThat(ApiStub.drain(stub.source(withKey.build()), Optional.empty()).values("id")).containsExactly("a");
            stub.server.verify(getRequestedFor(urlPathEqualTo("/v2/people"))
                    .withHeader("X-API-Key", equalTo("key-123")));

            stub.server.stubFor(get(urlPathEqualTo("/v2/people")).willReturn(aResponse().withStatus(302)
                    .withHeader("Location", elsewhere.url() + "/people")));
            ApiStub.Outcome moved = ApiStub.drain(stub.source(withKey.build()), Optional.empty());

            assertThat(moved.failure()).hasMessageContaining("source 'generic', page 1: a redirect (HTTP 302) from ")
                    .hasMessageContaining("not at the configured origin").hasMessageNotContaining("key-123");
            assertThat(elsewhere.server.getAllServeEvents()).isEmpty();
        }
    }

    @Test
    void inOneProcessTheCircuitBreakerStopsCallingAnApiThatKeepsFailing() {
        stub.server.stubFor(get(urlPathEqualTo("/people")).willReturn(aResponse().withStatus(502)));
        // two failed reads of three attempts each open it
        RestSource source = stub.source(settings().circuit(new CircuitSettings(2, Duration.ofHours(1))).build());

        for (int read = 1; read <= 2; read++) {
            assertThat(ApiStub.drain(source, Optional.empty()).failure())
                    .hasMessageContaining("HTTP 502 after 3 attempts");
        }
        assertThat(stub.server.getAllServeEvents()).hasSize(6);

        ApiStub.Outcome third = ApiStub.drain(source, Optional.empty());

        assertThat(third.failure()).hasMessageContaining("source 'generic', page 1: not called: the HR API failed 6 "
                + "requests in a row").hasMessageContaining("PT1H (circuit breaker open)");
        assertThat(stub.server.getAllServeEvents()).as("no request while open").hasSize(6);
    }
}
