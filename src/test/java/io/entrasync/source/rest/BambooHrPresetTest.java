package io.entrasync.source.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * BambooHR shapes: {@code GET /employees/changed?since=…} answers {@code {"latest":…,"employees":{"<id>":{"id",
 * "action","lastChanged"}}}} (an object keyed by id, not an array); details from {@code GET /employees/{id}?fields=…}.
 */
class BambooHrPresetTest {

    private static final String BASE = "/api/gateway.php/acme/v1";
    private static final String STORED_WATERMARK = "2026-11-20T00:00:00Z";

    @RegisterExtension
    final ApiStub stub = new ApiStub();

    private RestSource source() {
        return source(BASE);
    }

    private RestSource source(String base) {
        return stub.source(ApiPresets.builder(ApiPresets.BAMBOOHR, "bamboo")
                .baseUrl(stub.url() + base)
                .auth(new ApiAuth.Basic("bamboo-api-key", "x"))
                .http(ApiStub.fastHttp())
                .build());
    }

    private static final String CHANGED = """
            {"latest": "2026-11-21T09:30:00+00:00",
             "employees": {
               "3":  {"id": "3",  "action": "Inserted", "lastChanged": "2026-11-20T10:00:00+00:00"},
               "4":  {"id": "4",  "action": "Updated",  "lastChanged": "2026-11-21T09:30:00+00:00"},
               "5":  {"id": "5",  "action": "Deleted",  "lastChanged": "2026-11-20T11:00:00+00:00"},
               "10": {"id": "10", "action": "Updated",  "lastChanged": "2026-11-20T12:00:00+00:00"},
               "11": {"id": "11", "action": "Updated",  "lastChanged": "2026-11-20T13:00:00+00:00"}
             }}
            """;

    private static String employee(String id, String supervisorEId) {
        return """
                {"id": "%s", "employeeNumber": "E%s", "firstName": "First %s", "lastName": "Last",
                 "workEmail": "e%s@acme.example", "jobTitle": "Engineer", "department": "R&D",
                 "supervisorEId": "%s", "status": "Active"}
                """.formatted(id, id, id, id, supervisorEId);
    }

    private void stubAll(boolean lastDetailBroken) {
        stub.server.stubFor(get(urlPathEqualTo(BASE + "/employees/changed")).willReturn(okJson(CHANGED)));
        stub.server.stubFor(get(urlPathEqualTo(BASE + "/employees/3")).willReturn(okJson(employee("3", "1"))));
        stub.server.stubFor(get(urlPathEqualTo(BASE + "/employees/4")).inScenario("throttle")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("served"));
        stub.server.stubFor(get(urlPathEqualTo(BASE + "/employees/4")).inScenario("throttle")
                .whenScenarioStateIs("served").willReturn(okJson(employee("4", "3"))));
        stub.server.stubFor(get(urlPathEqualTo(BASE + "/employees/10")).willReturn(aResponse().withStatus(404)));
        stub.server.stubFor(get(urlPathEqualTo(BASE + "/employees/11")).willReturn(lastDetailBroken
                ? aResponse().withStatus(500) : okJson(employee("11", "4"))));
    }

    @Test
    void listsChangedEmployeesThenFetchesEachOnesDetails() {
        stubAll(false);

        ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("3", "4", "5", "11");
        assertThat(outcome.records().get(0).values())
                .containsEntry("action", "Inserted")
                .containsEntry("workEmail", "e3@acme.example")
                .containsEntry("supervisorEId", "1");
        // the deleted employee has no details to fetch; it goes on as listed so the mapping can disable it
        assertThat(outcome.records().get(2).values()).containsOnlyKeys("id", "action", "lastChanged");
        assertThat(outcome.malformed()).singleElement().satisfies(m -> {
            assertThat(m.location()).isEqualTo("page 1, record 4");
            assertThat(m.partialValues()).containsExactly(Map.entry("id", "10"));
            assertThat(m.reason()).contains("source 'bamboo', page 1, record 4 (details)").contains("404");
        });
        assertThat(stub.waits).containsExactly(Duration.ofSeconds(1));
        assertThat(outcome.watermark()).contains("2026-11-21T09:30:00Z");

        stub.server.verify(getRequestedFor(urlPathEqualTo(BASE + "/employees/changed"))
                .withQueryParam("since", equalTo("2026-11-19T23:59:00Z"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Authorization", equalTo("Basic YmFtYm9vLWFwaS1rZXk6eA==")));
        stub.server.verify(getRequestedFor(urlPathEqualTo(BASE + "/employees/3"))
                .withQueryParam("fields", containing("workEmail")));
        stub.server.verify(0, getRequestedFor(urlPathEqualTo(BASE + "/employees/5")));
    }

    @Test
    void aFullReadStartsAtTheEpochBecauseSinceIsMandatory() {
        stubAll(false);

        ApiStub.drain(source(), Optional.empty());

        stub.server.verify(getRequestedFor(urlPathEqualTo(BASE + "/employees/changed"))
                .withQueryParam("since", equalTo("1970-01-01T00:00:00Z")));
    }

    @Test
    void aFailedDetailStopsTheReadWithoutAWatermarkAndTheRestartAsksForTheSameDelta() {
        stubAll(true);

        ApiStub.Outcome failed = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(failed.failure()).hasMessageContaining("source 'bamboo', page 1, record 5 (details): ")
                .hasMessageContaining("HTTP 500 after 3 attempts");
        assertThat(failed.values("id")).containsExactly("3", "4", "5");
        assertThat(failed.watermark()).isEmpty();

        stub.server.resetAll();
        stubAll(false);
        ApiStub.Outcome restarted = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(restarted.values("id")).containsExactly("3", "4", "5", "11");
        assertThat(restarted.watermark()).contains("2026-11-21T09:30:00Z");
        stub.server.verify(getRequestedFor(urlPathEqualTo(BASE + "/employees/changed"))
                .withQueryParam("since", equalTo("2026-11-19T23:59:00Z")));
    }

    @Test
    void aDetailAnswerWhoseIdIsNullMissingOrAnotherIsAMalformedRecordWithItsReason() {
        // https://{companyDomain}.bamboohr.com/api/v1, the form of BambooHR's newer documentation
        String base = "/api/v1";
        stub.server.stubFor(get(urlPathEqualTo(base + "/employees/changed")).willReturn(okJson("""
                {"latest": "2026-11-21T09:30:00+00:00", "employees": {
                  "3": {"id": "3", "action": "Updated", "lastChanged": "2026-11-20T10:00:00+00:00"},
                  "4": {"id": "4", "action": "Updated", "lastChanged": "2026-11-20T11:00:00+00:00"},
                  "6": {"id": "6", "action": "Updated", "lastChanged": "2026-11-20T12:00:00+00:00"},
                  "7": {"id": "7", "action": "Updated", "lastChanged": "2026-11-20T13:00:00+00:00"}}}""")));
        stub.server.stubFor(get(urlPathEqualTo(base + "/employees/3")).willReturn(okJson("""
                {"id": null, "firstName": "Nobody", "workEmail": "nobody@acme.example"}""")));
        stub.server.stubFor(get(urlPathEqualTo(base + "/employees/4")).willReturn(okJson("""
                {"firstName": "No id", "workEmail": "noid@acme.example"}""")));
        stub.server.stubFor(get(urlPathEqualTo(base + "/employees/6")).willReturn(okJson(employee("9", "1"))));
        stub.server.stubFor(get(urlPathEqualTo(base + "/employees/7")).willReturn(okJson(employee("7", "1"))));

        ApiStub.Outcome outcome = ApiStub.drain(source(base), Optional.of(STORED_WATERMARK));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("7");
        assertThat(outcome.malformed()).extracting(m -> m.partialValues().get("id")).containsExactly("3", "4", "6");
        assertThat(outcome.malformed().get(0).reason())
                .startsWith("source 'bamboo', page 1, record 1 (details): ").contains("'id' is null");
        assertThat(outcome.malformed().get(1).reason()).contains("record 2 (details)").contains("'id' is missing");
        assertThat(outcome.malformed().get(2).reason()).contains("record 3 (details)")
                .contains("'id' is '9', not the requested '6'");
        assertThat(outcome.malformed()).allSatisfy(m -> assertThat(m.reason()).contains("it is not handed on")
                .doesNotContain("nobody@acme.example"));
    }

    @Test
    void throttlingBy503AndBy429IsRetriedAfterTheServersRetryAfter() {
        stub.server.stubFor(get(urlPathEqualTo(BASE + "/employees/changed")).inScenario("busy")
                .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")
                        .withBody("Service Unavailable")).willSetStateTo("then 429"));
        stub.server.stubFor(get(urlPathEqualTo(BASE + "/employees/changed")).inScenario("busy")
                .whenScenarioStateIs("then 429").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "4"))
                .willSetStateTo("served"));
        stub.server.stubFor(get(urlPathEqualTo(BASE + "/employees/changed")).inScenario("busy")
                .whenScenarioStateIs("served").willReturn(okJson("""
                        {"latest": "2026-11-21T09:30:00+00:00", "employees": {
                          "3": {"id": "3", "action": "Updated", "lastChanged": "2026-11-20T10:00:00+00:00"}}}""")));
        stub.server.stubFor(get(urlPathEqualTo(BASE + "/employees/3")).willReturn(okJson(employee("3", "1"))));

        ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("3");
        assertThat(stub.waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(4));
    }

    @Test
    void bothDocumentedBaseUrlFormsAreAcceptedAndCompletedWithTheVersion() {
        assertThat(ApiPresets.bambooHrBaseUrl(URI.create("https://api.bamboohr.com/api/gateway.php/acme/v1")))
                .hasToString("https://api.bamboohr.com/api/gateway.php/acme/v1");
        assertThat(ApiPresets.bambooHrBaseUrl(URI.create("https://api.bamboohr.com/api/gateway.php/acme/")))
                .hasToString("https://api.bamboohr.com/api/gateway.php/acme/v1");
        assertThat(ApiPresets.bambooHrBaseUrl(URI.create("https://acme.bamboohr.com/api/v1")))
                .hasToString("https://acme.bamboohr.com/api/v1");
        assertThat(ApiPresets.bambooHrBaseUrl(URI.create("https://acme.bamboohr.com")))
                .hasToString("https://acme.bamboohr.com/api/v1");
        assertThat(ApiPresets.bambooHrBaseUrl(URI.create("https://acme.bamboohr.com/api")))
                .hasToString("https://acme.bamboohr.com/api/v1");
        assertThat(ApiPresets.bambooHrBaseUrl(URI.create("http://127.0.0.1:8080/hr")))
                .hasToString("http://127.0.0.1:8080/hr");
    }
}
