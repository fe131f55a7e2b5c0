package io.entrasync.source.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Oracle HCM Cloud, UKG Pro, HiBob and Dayforce presets against WireMock stubs in the shapes their vendors
 * document; each test names the page its stub follows.
 */
class WorkerApiPresetsTest {

    @RegisterExtension
    final ApiStub stub = new ApiStub();

    private ApiSettings.Builder preset(String name) {
        return ApiPresets.builder(name, name).baseUrl(stub.url()).auth(new ApiAuth.Basic("api-user", "secret"))
                .http(ApiStub.fastHttp());
    }

    /** The preset's paging with a small page size, so a few records span several pages. */
    private static ApiSettings.Builder smallPages(ApiSettings.Builder b, int size) {
        PagingSettings p = b.paging();
        return b.paging(new PagingSettings(p.style(), size, p.pageSizeParam(), p.nextLinkPath(), p.cursorPath(),
                p.cursorParam(), p.offsetParam(), p.totalPath(), p.hasMorePath(), p.firstPage()));
    }

    @Test
    void oracleHcmWorkersPageByOffsetUntilHasMoreIsFalseAndMatchTotalResults() {
        // docs.oracle.com, REST API for Oracle Fusion Cloud HCM: GET /workers, items/count/hasMore/limit/offset,
        // totalResults when asked for with totalResults=true
        String path = "/hcmRestApi/resources/11.13.18.05/workers";
        stub.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("""
                        {"items": [{"PersonId": 300100, "PersonNumber": "1001", "names": [{"FirstName": "Ann"}]},
                                   {"PersonId": 300101, "PersonNumber": "1002", "names": [{"FirstName": "Bo"}]}],
                         "totalResults": 3, "count": 2, "hasMore": true, "limit": 2, "offset": 0}""")));
        stub.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson("""
                        {"items": [{"PersonId": 300102, "PersonNumber": "1003",
                                    "workRelationships": [{"TerminationDate": "4712-12-31"}]}],
                         "totalResults": 3, "count": 1, "hasMore": false, "limit": 2, "offset": 2}""")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(smallPages(preset(ApiPresets.ORACLE_HCM), 2).build()),
                Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("PersonNumber")).containsExactly("1001", "1002", "1003");
        assertThat(outcome.records().get(0).get("names.0.FirstName")).isEqualTo("Ann");
        stub.server.verify(2, getRequestedFor(urlPathEqualTo(path)).withQueryParam("totalResults", equalTo("true"))
                .withQueryParam("onlyData", equalTo("true")).withHeader("REST-Framework-Version", equalTo("4")));
    }

    @Test
    void ukgProReadsBareArraysByPageNumberUntilAnEmptyPage() {
        // developer.ukg.com, Personnel: GET /personnel/v1/employment-details?page=&per_page= answers a bare array
        String path = "/personnel/v1/employment-details";
        stub.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("1")).willReturn(okJson("""
                [{"employeeID": "E1", "employeeStatusCode": "A"},
                 {"employeeID": "E2", "employeeStatusCode": "A"}]""")));
        stub.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("2")).willReturn(okJson("""
                [{"employeeID": "E3", "employeeStatusCode": "T", "dateOfTermination": "2026-10-31T00:00:00"}]""")));
        stub.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("3")).willReturn(okJson("[]")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(smallPages(preset(ApiPresets.UKG_PRO), 2)
                .header("US-Customer-Api-Key", "CUST1").build()), Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("employeeID")).containsExactly("E1", "E2", "E3");
        stub.server.verify(3, getRequestedFor(urlPathEqualTo(path)).withQueryParam("per_page", equalTo("2"))
                .withHeader("US-Customer-Api-Key", equalTo("CUST1")).withHeader("Authorization", equalTo(
                        "Basic YXBpLXVzZXI6c2VjcmV0")));
    }

    @Test
    void hiBobSearchesPeopleWithAPostedJsonBodyIncludingInactivePeople() {
        // apidocs.hibob.com, "Search for employees":
        // POST /v1/people/search {"showInactive": true} -> {"employees": [..]}
        stub.server.stubFor(post(urlPathEqualTo("/v1/people/search"))
                .withRequestBody(equalToJson("{\"showInactive\": true}")).willReturn(okJson("""
                        {"employees": [
                          {"id": "3332883884017713238", "firstName": "Ann", "internal": {"status": "Active"}},
                          {"id": "3332883894016434967", "firstName": "Bo", "internal": {"status": "Inactive",
                           "terminationDate": "2026-09-30"}}]}""")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(preset(ApiPresets.HIBOB).baseUrl(stub.url()).build()),
                Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("internal.status")).containsExactly("Active", "Inactive");
        stub.server.verify(1, postRequestedFor(urlPathEqualTo("/v1/people/search"))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(ApiPresets.builder(ApiPresets.HIBOB, "h").throttling().requestsPerMinute()).isEqualTo(50);
    }

    @Test
    void dayforceListsXRefCodesFollowsPagingNextAndFetchesEachEmployee() {
        // Dayforce REST API, Employees: {"Data": [{"XRefCode": ..}], "Paging": {"Next": ".."}} ("" at the end),
        // then GET /Employees/{XRefCode} -> {"Data": {..}}
        stub.server.stubFor(get(urlPathEqualTo("/Employees")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("{\"Data\": [{\"XRefCode\": \"62779\"}], \"Paging\": {\"Next\": \"\"}}")));
        stub.server.stubFor(get(urlPathEqualTo("/Employees")).atPriority(10).willReturn(okJson(
                "{\"Data\": [{\"XRefCode\": \"42199\"}], \"Paging\": {\"Next\": \"" + stub.url()
                        + "/Employees?page=2\"}}")));
        for (String code : new String[] {"42199", "62779"}) {
            stub.server.stubFor(get(urlPathEqualTo("/Employees/" + code)).willReturn(okJson(
                    "{\"Data\": {\"XRefCode\": \"" + code + "\", \"FirstName\": \"F" + code + "\"}}")));
        }

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(preset(ApiPresets.DAYFORCE).build()), Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("FirstName")).containsExactly("F42199", "F62779");
    }
}
