package io.entrasync.source.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Complete or failed: every paging style ends by its stop rule, and what the API stated (a total in the body or in
 * {@code X-Total-Count}, {@code X-Total-Pages}, {@code Link: rel="last"}, a has-more flag) must match what was read.
 * Every failing read reports no watermark, though each record carries one, so the next run asks again.
 *
 * <p>Shapes: page-number paging with bare arrays as UKG Pro documents it (developer.ukg.com: {@code page},
 * {@code per_page}); Gusto's totals in headers (https://docs.gusto.com/app-integrations/docs/pagination:
 * {@code X-Page}, {@code X-Total-Count}, {@code X-Total-Pages}, {@code X-Per-Page}); ADP Workforce Now's
 * {@code $top}/{@code $skip} whose end can be HTTP 204 with an empty body (seen by open-source ADP clients; no ADP
 * page states it, so both the 204 and an empty 200 are accepted as the end); Oracle HCM's {@code items} and
 * {@code hasMore} (docs.oracle.com, REST API for Oracle Fusion Cloud HCM, collection paging).
 */
class CompleteReadTest {

    private static final int WORKERS = 120;
    private static final int PER_PAGE = 50;

    @RegisterExtension
    final ApiStub stub = new ApiStub();

    /** A source whose every record carries a watermark field, so a completed read always reports one. */
    private ApiSettings.Builder settings(String recordsPath, PagingSettings paging) {
        return ApiSettings.builder("hr").baseUrl(stub.url()).path("/workers").recordsPath(recordsPath).idField("id")
                .http(ApiStub.fastHttp()).paging(paging)
                .incremental(new IncrementalSettings("", "", "", Optional.of("modified"), Optional.empty(), null,
                        Optional.empty()));
    }

    private static PagingSettings pageNumber() {
        return new PagingSettings(PagingStyle.PAGE_NUMBER, PER_PAGE, "per_page", "", "", "", "page",
                Optional.empty(), Optional.empty(), 1);
    }

    private static PagingSettings topSkip() {
        return new PagingSettings(PagingStyle.OFFSET_LIMIT, PER_PAGE, "$top", "", "", "", "$skip",
                Optional.empty(), Optional.empty(), 1);
    }

    private static PagingSettings offsetWithHasMore() {
        return new PagingSettings(PagingStyle.OFFSET_LIMIT, PER_PAGE, "limit", "", "", "", "offset",
                Optional.empty(), Optional.of("hasMore"), 1);
    }

    /** Workers {@code from} (inclusive) to {@code to} (exclusive) as a bare JSON array. */
    private static String workers(int from, int to) {
        List<String> people = new ArrayList<>();
        for (int n = from; n < to; n++) {
            people.add("{\"id\": \"w" + n + "\", \"modified\": \"2026-03-01T10:00:00Z\"}");
        }
        return "[" + String.join(",", people) + "]";
    }

    /** Serves {@code count} workers by page number, {@code PER_PAGE} a page, an empty array after the last one. */
    private void servePages(int count) {
        int pages = (count + PER_PAGE - 1) / PER_PAGE;
        for (int page = 1; page <= pages + 1; page++) {
            int from = Math.min(count, (page - 1) * PER_PAGE);
            ResponseDefinitionBuilder answer = okJson(workers(from, Math.min(count, from + PER_PAGE)));
            stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("page", equalTo(Integer.toString(page)))
                    .willReturn(answer));
        }
    }

    @Test
    void pageNumberPagingReadsEveryPageUntilAnEmptyOne() {
        servePages(WORKERS);

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("", pageNumber()).build()), Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.records()).hasSize(WORKERS);
        assertThat(outcome.values("id")).doesNotHaveDuplicates().contains("w0", "w119");
        assertThat(outcome.watermark()).contains("2026-03-01T10:00:00Z");
        stub.server.verify(4, getRequestedFor(urlPathEqualTo("/workers")).withQueryParam("per_page",
                equalTo(Integer.toString(PER_PAGE))));
    }

    @Test
    void pageNumberPagingStopsAtTheLastPageXTotalPagesNames() {
        for (int page = 1; page <= 3; page++) {
            int from = (page - 1) * PER_PAGE;
            stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("page", equalTo(Integer.toString(page)))
                    .willReturn(okJson(workers(from, Math.min(WORKERS, from + PER_PAGE)))
                            .withHeader("X-Total-Pages", "3").withHeader("X-Total-Count", "120")
                            .withHeader("X-Page", Integer.toString(page))));
        }

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("", pageNumber()).build()), Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.records()).hasSize(WORKERS);
        stub.server.verify(3, getRequestedFor(urlPathEqualTo("/workers")));
    }

    @Test
    void aReadOneRecordShortOfXTotalCountFailsNamingExpectedAndReceived() {
        for (int page = 1; page <= 4; page++) {
            int from = Math.min(WORKERS - 1, (page - 1) * PER_PAGE);
            stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("page", equalTo(Integer.toString(page)))
                    .willReturn(okJson(workers(from, Math.min(WORKERS - 1, from + PER_PAGE)))
                            .withHeader("X-Total-Count", Integer.toString(WORKERS))));
        }

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("", pageNumber()).build()), Optional.empty());

        assertThat(outcome.failure()).isInstanceOf(ApiSourceException.class)
                .hasMessageContaining("the read got 119 records, but the X-Total-Count header stated 120")
                .hasMessageContaining("nobody is disabled as a leaver");
        assertThat(outcome.records()).hasSize(WORKERS - 1);
        assertThat(outcome.watermark()).isEmpty();
    }

    @Test
    void aTotalThatLiesInTheBodyFailsTheRead() {
        // Namely-style meta.total_count: says 150, the list holds 120
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"meta\": {\"total_count\": 150}, \"items\": " + workers(0, 100) + "}")));
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("offset", equalTo("100"))
                .willReturn(okJson("{\"meta\": {\"total_count\": 150}, \"items\": " + workers(100, 120) + "}")));
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("offset", equalTo("120"))
                .willReturn(okJson("{\"meta\": {\"total_count\": 150}, \"items\": []}")));
        PagingSettings paging = new PagingSettings(PagingStyle.OFFSET_LIMIT, 100, "limit", "", "", "",
                "offset", Optional.of("meta.total_count"), Optional.empty(), 1);

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("items", paging).build()), Optional.empty());

        assertThat(outcome.failure()).hasMessageContaining(
                "the read got 120 records, but the body field 'meta.total_count' stated 150");
        assertThat(outcome.watermark()).isEmpty();
    }

    @Test
    void aTotalThatIsNoNumberFailsTheRead() {
        stub.server.stubFor(get(urlPathEqualTo("/workers")).willReturn(okJson(workers(0, 3))
                .withHeader("X-Total-Count", "lots")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("", PagingSettings.none()).build()),
                Optional.empty());

        assertThat(outcome.failure()).hasMessageContaining("the X-Total-Count header says 'lots', not a number");
        assertThat(outcome.watermark()).isEmpty();
    }

    @Test
    void aPageThatRepeatsThePreviousOneFailsInsteadOfLooping() {
        // a server that ignores the page parameter answers page 1 to every request
        stub.server.stubFor(get(urlPathEqualTo("/workers")).willReturn(okJson(workers(0, PER_PAGE))));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("", pageNumber()).build()), Optional.empty());

        assertThat(outcome.failure()).hasMessageStartingWith("source 'hr', page 2: the page repeats the page before it")
                .hasMessageContaining("paging.style");
        assertThat(outcome.watermark()).isEmpty();
        stub.server.verify(2, getRequestedFor(urlPathEqualTo("/workers")));
    }

    @Test
    void adpsHttp204AfterTheLastPageEndsTheListWithNothingLost() {
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("$skip", equalTo("0"))
                .willReturn(okJson("{\"workers\": " + workers(0, 50) + "}")));
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("$skip", equalTo("50"))
                .willReturn(okJson("{\"workers\": " + workers(50, 100) + "}")));
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("$skip", equalTo("100"))
                .willReturn(okJson("{\"workers\": " + workers(100, 120) + "}")));
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("$skip", equalTo("120"))
                .willReturn(aResponse().withStatus(204)));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("workers", topSkip()).build()), Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.records()).hasSize(WORKERS);
        assertThat(outcome.watermark()).contains("2026-03-01T10:00:00Z");
    }

    @Test
    void anEmptyBodyAfterTheLastPageEndsACountedList() {
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("$skip", equalTo("0"))
                .willReturn(okJson("{\"workers\": " + workers(0, 20) + "}")));
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("$skip", equalTo("20"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("workers", topSkip()).build()), Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.records()).hasSize(20);
        assertThat(outcome.watermark()).isPresent();
    }

    @Test
    void a204OnTheFirstRequestIsAnEmptyList() {
        stub.server.stubFor(get(urlPathEqualTo("/workers")).willReturn(aResponse().withStatus(204)));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("workers", topSkip()).build()), Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.items()).isEmpty();
    }

    @Test
    void anEmptyAnswerWhereTheServerNamedANextPageFailsTheRead() {
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("page", equalTo("2"))
                .willReturn(aResponse().withStatus(204)));
        stub.server.stubFor(get(urlPathEqualTo("/workers")).atPriority(10)
                .willReturn(okJson("{\"items\": " + workers(0, 10) + ", \"next\": \"/workers?page=2\"}")));
        PagingSettings nextLink = new PagingSettings(PagingStyle.NEXT_LINK, 0, "", "next", "", "", "",
                Optional.empty(), Optional.empty(), 1);

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("items", nextLink).build()), Optional.empty());

        assertThat(outcome.failure()).hasMessageStartingWith("source 'hr', page 2: GET ")
                .hasMessageContaining("answered HTTP 204 (no content), but the previous page named this one");
        assertThat(outcome.records()).hasSize(10);
        assertThat(outcome.watermark()).isEmpty();
    }

    @Test
    void anEmptyBodyToTheOnlyRequestFailsTheRead() {
        stub.server.stubFor(get(urlPathEqualTo("/workers")).willReturn(aResponse().withStatus(200)));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("", PagingSettings.none()).build()),
                Optional.empty());

        assertThat(outcome.failure()).hasMessageContaining("answered HTTP 200 with an empty body to the first request");
        assertThat(outcome.watermark()).isEmpty();
    }

    @Test
    void hasMoreFalseEndsOffsetPagingWithoutAnotherRequest() {
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"items\": " + workers(0, 50) + ", \"hasMore\": true, \"count\": 50}")));
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("offset", equalTo("50"))
                .willReturn(okJson("{\"items\": " + workers(50, 70) + ", \"hasMore\": false, \"count\": 20}")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("items", offsetWithHasMore()).build()),
                Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.records()).hasSize(70);
        stub.server.verify(2, getRequestedFor(urlPathEqualTo("/workers")));
    }

    @Test
    void aListThatEndsWhileTheLastPageSaysHasMoreFails() {
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"items\": " + workers(0, 50) + ", \"hasMore\": true}")));
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("offset", equalTo("50"))
                .willReturn(okJson("{\"items\": [], \"hasMore\": true}")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("items", offsetWithHasMore()).build()),
                Optional.empty());

        assertThat(outcome.failure()).hasMessageContaining("the read ended after 50 records, but the last page's "
                + "'hasMore' says more follow");
        assertThat(outcome.watermark()).isEmpty();
    }

    @Test
    void aReadThatNeverReachesTheLinkHeadersLastPageFails() {
        // GitHub-style Link header with rel="last" on page 1, but page 2 names no next page
        stub.server.stubFor(get(urlPathEqualTo("/workers")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(workers(50, 100)).withHeader("Link", "</workers?page=1>; rel=\"first\"")));
        stub.server.stubFor(get(urlPathEqualTo("/workers")).atPriority(10).willReturn(okJson(workers(0, 50))
                .withHeader("Link", "</workers?page=2>; rel=\"next\", </workers?page=3>; rel=\"last\"")));
        PagingSettings linkHeader = new PagingSettings(PagingStyle.LINK_HEADER, 0, "", "", "", "", "",
                Optional.empty(), Optional.empty(), 1);

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings("", linkHeader).build()), Optional.empty());

        assertThat(outcome.failure()).hasMessageContaining("the read ended before the last page its Link header named");
        assertThat(outcome.records()).hasSize(100);
        assertThat(outcome.watermark()).isEmpty();
    }
}
