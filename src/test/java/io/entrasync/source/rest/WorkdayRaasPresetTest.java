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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.client.MappingBuilder;

/**
 * Workday Report-as-a-Service shapes: {@code GET …/ccx/service/customreport2/<tenant>/<owner>/<report>?format=json}
 * answers {@code {"Report_Entry":[…]}} in one response (RaaS does not page); the delta is a date prompt.
 */
class WorkdayRaasPresetTest {

    private static final String PATH = "/ccx/service/customreport2/acme/ISU_Entra/Entra_Workers";
    private static final String STORED_WATERMARK = "2026-11-01T08:00:00Z";

    @RegisterExtension
    final ApiStub stub = new ApiStub();

    private RestSource source() {
        return stub.source(ApiPresets.builder(ApiPresets.WORKDAY_RAAS, "workday")
                .baseUrl(stub.url() + PATH)
                .idField("Employee_ID")
                .auth(new ApiAuth.Basic("ISU_Entra@acme", "secret"))
                .http(ApiStub.fastHttp())
                .build());
    }

    private static String worker(String id, String email) {
        return """
                {"Employee_ID": "%s", "Legal_Name_-_First_Name": "First %s", "Legal_Name_-_Last_Name": "Last",
                 "Email_-_Work": "%s", "Cost_Center": "CC 4100 Sales", "Active_Status": "1",
                 "Hire_Date": "2021-03-01-08:00",
                 "Manager_group": [{"Manager_ID": "20000"}]}
                """.formatted(id, id, email);
    }

    private static final String REPORT = """
            {"Report_Entry": [%s, %s, {"Legal_Name_-_First_Name": "Nobody"}, %s]}
            """.formatted(worker("21001", "a@acme.example"), worker("21002", "b@acme.example"),
            worker("21003", "c@acme.example"));

    private static MappingBuilder report() {
        return get(urlPathEqualTo(PATH));
    }

    @Test
    void readsTheReportWithTheDatePromptAfterATransientFailureAndAThrottle() {
        // The HTTP date is measured from the source's injected clock (ApiStub.NOW), not from the machine's.
        String retryAt = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(ApiStub.NOW.plusSeconds(2),
                ZoneOffset.UTC));
        stub.server.stubFor(report().inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("throttled"));
        stub.server.stubFor(report().inScenario("flaky").whenScenarioStateIs("throttled")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", retryAt)).willSetStateTo("ok"));
        stub.server.stubFor(report().inScenario("flaky").whenScenarioStateIs("ok").willReturn(okJson(REPORT)));

        ApiStub.Outcome outcome = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("Employee_ID")).containsExactly("21001", "21002", "21003");
        assertThat(outcome.records().get(0).values()).containsEntry("Manager_group.0.Manager_ID", "20000");
        assertThat(outcome.malformed()).singleElement().satisfies(m -> {
            assertThat(m.location()).isEqualTo("page 1, record 3");
            assertThat(m.reason()).contains("source 'workday', page 1, record 3").contains("'Employee_ID'");
        });
        // a back-off after the 503, then the HTTP-date Retry-After: 2 s after the injected clock's now
        assertThat(stub.waits).hasSize(2);
        assertThat(stub.waits.get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
        assertThat(stub.waits.get(1)).isEqualTo(Duration.ofSeconds(2));
        // Report rows carry no common change time: the next watermark is when this read started.
        assertThat(outcome.watermark()).contains(ApiStub.NOW.toString());
        stub.server.verify(getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("format", equalTo("json"))
                .withQueryParam("Updated_From", equalTo("2026-11-01T07:59:00.000+00:00")));
    }

    @Test
    void aBrokenResponseStopsTheReadWithoutAWatermarkAndTheRestartAsksForTheSameDelta() {
        String truncated = REPORT.substring(0, REPORT.indexOf("{\"Legal_Name_-_First_Name\": \"Nobody\"}") + 20);
        stub.server.stubFor(report().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(truncated)));

        ApiStub.Outcome failed = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(failed.failure()).hasMessageContaining("source 'workday', page 1: the response is not valid JSON")
                .hasMessageContaining("after record 2");
        assertThat(failed.values("Employee_ID")).containsExactly("21001", "21002");
        assertThat(failed.watermark()).isEmpty();

        stub.server.resetAll();
        stub.server.stubFor(report().willReturn(okJson(REPORT)));
        ApiStub.Outcome restarted = ApiStub.drain(source(), Optional.of(STORED_WATERMARK));

        assertThat(restarted.values("Employee_ID")).containsExactly("21001", "21002", "21003");
        assertThat(restarted.watermark()).contains(ApiStub.NOW.toString());
        stub.server.verify(getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("Updated_From", equalTo("2026-11-01T07:59:00.000+00:00")));
    }
}
