package io.entrasync.source.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.client.MappingBuilder;

import io.entrasync.source.SourceRecord;
import io.entrasync.support.TestConfig;

/**
 * Changed-since windows of a start and an end parameter, against a stub of Dayforce's employee list: {@code GET
 * /Employees?filterUpdatedStartDate=…&filterUpdatedEndDate=…} answers {@code {"Data":[{"XRefCode":…}],
 * "Paging":{"Next":""}}}, then {@code GET /Employees/{XRefCode}} answers {@code {"Data":{…}}} (Dayforce REST API,
 * "Employees"; parameters as goodeggs/tap-dayforce {@code tap_dayforce/streams.py} and the WSO2 Dayforce connector's
 * {@code getEmployees} send them; dates without a zone, {@code 2000-08-23T00:00:00}). The read starts at
 * {@link ApiStub#NOW}, 2026-11-28T12:00:00Z.
 */
class ChangeWindowTest {

    private static final String START = "filterUpdatedStartDate";
    private static final String END = "filterUpdatedEndDate";

    @RegisterExtension
    final ApiStub stub = new ApiStub();

    private ApiSettings.Builder dayforce() {
        ApiSettings.Builder b = ApiPresets.builder(WorkerApiPresets.DAYFORCE, "dayforce");
        return b.baseUrl(stub.url() + "/Api/acme/V1").http(ApiStub.fastHttp());
    }

    private static String list(String... xrefCodes) {
        StringBuilder json = new StringBuilder("{\"Data\": [");
        for (int i = 0; i < xrefCodes.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"XRefCode\": \"").append(xrefCodes[i]).append("\"}");
        }
        return json.append("], \"Paging\": {\"Next\": \"\"}}").toString();
    }

    private void details(String... xrefCodes) {
        for (String code : xrefCodes) {
            stub.server.stubFor(get(urlPathEqualTo("/Api/acme/V1/Employees/" + code)).willReturn(okJson(
                    "{\"Data\": {\"XRefCode\": \"" + code + "\", \"FirstName\": \"F" + code + "\"}}")));
        }
    }

    private static MappingBuilder window(String start, String end) {
        return get(urlPathEqualTo("/Api/acme/V1/Employees")).withQueryParam(START, equalTo(start))
                .withQueryParam(END, equalTo(end));
    }

    @Test
    void theWindowRunsFromTheWatermarkLessTheOverlapToTheReadsStartWhichBecomesTheNextWatermark() {
        stub.server.stubFor(window("2026-11-20T07:59:00", "2026-11-28T12:00:00").willReturn(okJson(list("42", "43"))));
        details("42", "43");

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(dayforce().build()), Optional.of("2026-11-20T08:00:00Z"));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("FirstName")).containsExactly("F42", "F43");
        assertThat(outcome.watermark()).contains("2026-11-28T12:00:00Z");
    }

    @Test
    void withoutAWatermarkTheFirstReadIsAFullReadWithoutAWindow() {
        stub.server.stubFor(get(urlPathEqualTo("/Api/acme/V1/Employees")).withQueryParam(START, absent())
                .withQueryParam(END, absent()).willReturn(okJson(list("42"))));
        details("42");

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(dayforce().build()), Optional.empty());

        assertThat(outcome.values("XRefCode")).containsExactly("42");
        assertThat(outcome.watermark()).contains("2026-11-28T12:00:00Z");
    }

    @Test
    void aWindowLongerThanTheLongestIsReadAsSeveralAndAWorkerInTwoOfThemIsHandedOnOnce() {
        ApiSettings settings = dayforce().incremental(dayforce().incremental().withWindow(
                new ChangeWindow(START, END, Optional.of(Duration.ofDays(3))))).build();
        stub.server.stubFor(window("2026-11-20T11:59:00", "2026-11-23T11:59:00").willReturn(okJson(list("1", "2"))));
        stub.server.stubFor(window("2026-11-23T11:59:00", "2026-11-26T11:59:00").willReturn(okJson(list("2", "3"))));
        stub.server.stubFor(window("2026-11-26T11:59:00", "2026-11-28T12:00:00").willReturn(okJson(list("4"))));
        details("1", "2", "3", "4");

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings), Optional.of("2026-11-20T12:00:00Z"));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("XRefCode")).containsExactly("1", "2", "3", "4");
        assertThat(outcome.records()).extracting(SourceRecord::position).as("positions without a gap")
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(outcome.watermark()).contains("2026-11-28T12:00:00Z");
        stub.server.verify(1, getRequestedFor(urlPathEqualTo("/Api/acme/V1/Employees/2")));
        stub.server.verify(3, getRequestedFor(urlPathEqualTo("/Api/acme/V1/Employees")));
    }

    @Test
    void aWindowThatFailsFailsTheWholeReadAndTheWatermarkStays() {
        ApiSettings settings = dayforce().incremental(dayforce().incremental().withWindow(
                new ChangeWindow(START, END, Optional.of(Duration.ofDays(3))))).build();
        stub.server.stubFor(window("2026-11-20T11:59:00", "2026-11-23T11:59:00").willReturn(okJson(list("1"))));
        stub.server.stubFor(window("2026-11-23T11:59:00", "2026-11-26T11:59:00")
                .willReturn(aResponse().withStatus(503)));
        stub.server.stubFor(window("2026-11-26T11:59:00", "2026-11-28T12:00:00").willReturn(okJson(list("4"))));
        details("1", "4");

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings), Optional.of("2026-11-20T12:00:00Z"));

        assertThat(outcome.failure()).hasMessageContaining("503");
        assertThat(outcome.watermark()).isEmpty();
        stub.server.verify(0, getRequestedFor(urlPathEqualTo("/Api/acme/V1/Employees"))
                .withQueryParam(START, equalTo("2026-11-26T11:59:00")));
    }

    @Test
    void aWindowOfTheNextLinksPagesIsCompleteOnlyWhenTheLastPageSaysSo() {
        stub.server.stubFor(window("2026-11-20T07:59:00", "2026-11-28T12:00:00").willReturn(okJson(
                "{\"Data\": [{\"XRefCode\": \"42\"}], \"Paging\": {\"Next\": \"" + stub.url()
                + "/Api/acme/V1/Employees?cursor=2\"}}")));
        stub.server.stubFor(get(urlPathEqualTo("/Api/acme/V1/Employees")).withQueryParam("cursor", equalTo("2"))
                .willReturn(okJson("{\"Data\": [{\"XRefCode\": \"43\"}, {\"XRefCode\": ")));
        details("42", "43");

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(dayforce().build()), Optional.of("2026-11-20T08:00:00Z"));

        assertThat(outcome.failure()).hasMessageContaining("not valid JSON");
        assertThat(outcome.watermark()).isEmpty();
    }

    @Test
    void aStoredWatermarkSoOldThatTheWindowsWouldNeverEndFailsNamingTheKey() {
        ApiSettings settings = dayforce().incremental(dayforce().incremental().withWindow(
                new ChangeWindow(START, END, Optional.of(Duration.ofHours(1))))).build();

        RestSource source = stub.source(settings);

        assertThatThrownBy(() -> source.read(Optional.of("2020-01-01T00:00:00Z")))
                .isInstanceOf(ApiSourceException.class)
                .hasMessageContaining("more than " + ListQuery.MAX_WINDOWS + " windows")
                .hasMessageContaining("incremental.window-max-length");
        assertThat(stub.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void configurationSetsTheWindowAndRefusesHalfOfIt() {
        ApiSettings settings = ApiSettingsFactory.fromConfig("hr", TestConfig.syncConfig(Map.of(
                "sync.sources.hr.api.base-url", "https://hr.example.com/api",
                "sync.sources.hr.api.incremental.window-start-param", "changedFrom",
                "sync.sources.hr.api.incremental.window-end-param", "changedTo",
                "sync.sources.hr.api.incremental.window-max-length", "P31D")).sources().get("hr").api().orElseThrow());

        assertThat(settings.incremental().window())
                .contains(new ChangeWindow("changedFrom", "changedTo", Optional.of(Duration.ofDays(31))));
        assertThat(settings.incremental().overlap()).isEqualTo(ApiPresets.OVERLAP);
        assertThatThrownBy(() -> ApiSettingsFactory.fromConfig("hr", TestConfig.syncConfig(Map.of(
                "sync.sources.hr.api.base-url", "https://hr.example.com/api",
                "sync.sources.hr.api.incremental.window-start-param", "changedFrom"))
                .sources().get("hr").api().orElseThrow()))
                .hasMessageContaining("sync.sources.hr.api.incremental.window-end-param is not set");
    }
}
