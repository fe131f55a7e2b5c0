package io.entrasync.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.entrasync.source.rest.ApiAuth;
import io.entrasync.source.rest.ApiPresets;
import io.entrasync.source.rest.ApiSettings;
import io.entrasync.source.rest.HttpSettings;
import io.entrasync.source.rest.PagingSettings;
import io.entrasync.source.rest.RestSource;
import io.entrasync.retry.Sleeper;

/**
 * A SuccessFactors OData v2 User API in WireMock, with the shapes the preset tests use
 * ({@code {"d":{"results":[…],"__next":"…$skiptoken=…"}}}, {@code /Date(ms+0000)/}, {@code __metadata}): three pages
 * of 60 entries, the second throttled once (429, Retry-After 2) and carrying one entry without {@code userId}.
 */
final class SuccessFactorsStub implements AutoCloseable {

    static final String SOURCE = "sf";
    static final String PATH = "/odata/v2/User";
    static final int PAGE_SIZE = 60;
    static final int PAGES = 3;
    static final int ENTRIES = PAGES * PAGE_SIZE;
    static final int RECORDS = ENTRIES - 1;
    /** Where the malformed entry is: the last one of page 2. */
    static final String MALFORMED_AT = "page 2, record 60";
    static final Instant FIRST_CHANGE = Instant.parse("2024-05-01T08:00:00Z");
    /** The latest lastModifiedDateTime served: the next watermark. */
    static final Instant LAST_CHANGE = FIRST_CHANGE.plus(Duration.ofMinutes(RECORDS - 1));

    final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    /** Ask for {@code $inlinecount=allpages} and check the read against {@code d.__count} (OData v2 inline count). */
    private boolean counted;

    SuccessFactorsStub() {
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Sources made from now on ask for the inline count and prove their reads complete against it. */
    SuccessFactorsStub counted() {
        counted = true;
        return this;
    }

    RestSource source() {
        ApiSettings.Builder builder = ApiPresets.builder(ApiPresets.SUCCESSFACTORS, SOURCE);
        if (counted) {
            PagingSettings p = builder.paging();
            builder.query("$inlinecount", "allpages").paging(new PagingSettings(p.style(), p.pageSize(),
                    p.pageSizeParam(), p.nextLinkPath(), p.cursorPath(), p.cursorParam(), p.offsetParam(),
                    Optional.of("d.__count"), Optional.empty(), p.firstPage()));
        }
        ApiSettings settings = builder
                .baseUrl(url() + "/odata/v2")
                .auth(new ApiAuth.Basic("sfapi@ACME", "secret"))
                .http(new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(20), 3, Duration.ofMillis(10),
                        Duration.ofMillis(40), Duration.ofSeconds(30)))
                .build();
        Sleeper recording = waits::add;
        return new RestSource(settings, RestSource.defaultClient(settings), recording, Clock.systemUTC());
    }

    /** The filter the preset sends for a stored watermark: every status (SAP KBA 2736579), one minute of overlap. */
    static String filterFor(Instant watermark) {
        return "(" + ApiPresets.SUCCESSFACTORS_ALL_STATUSES + ") and (lastModifiedDateTime gt datetimeoffset'"
                + watermark.minus(Duration.ofMinutes(1)) + "')";
    }

    static String userId(int n) {
        return "u" + n;
    }

    /** Serves the three pages to any request; {@code thirdPage} replaces the last page's answer when not null. */
    void stubPages(ResponseDefinitionBuilder thirdPage) {
        int n = 0;
        List<String> page1 = new ArrayList<>();
        for (int i = 0; i < PAGE_SIZE; i++) {
            page1.add(user(n++));
        }
        List<String> page2 = new ArrayList<>();
        for (int i = 0; i < PAGE_SIZE - 1; i++) {
            page2.add(user(n++));
        }
        page2.add("{\"__metadata\": {\"type\": \"SFOData.User\"}, \"firstName\": \"No id\", \"status\": \"active\"}");
        List<String> page3 = new ArrayList<>();
        for (int i = 0; i < PAGE_SIZE; i++) {
            page3.add(user(n++));
        }
        server.stubFor(pageRequest(null).willReturn(okJson(page("p2", page1))));
        server.stubFor(pageRequest("p2").inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("served"));
        server.stubFor(pageRequest("p2").inScenario("throttle").whenScenarioStateIs("served")
                .willReturn(okJson(page("p3", page2))));
        server.stubFor(pageRequest("p3").willReturn(thirdPage != null ? thirdPage : okJson(page(null, page3))));
    }

    /** One page of {@code count} users, without throttling (for tests that run with real waits). */
    void stubOnePage(int count) {
        List<String> users = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            users.add(user(n));
        }
        server.stubFor(pageRequest(null).willReturn(okJson(page(null, users))));
    }

    /** Answers the delta request that follows a watermark with an empty page (nothing changed since). */
    void stubNoChangesSince(Instant watermark) {
        server.stubFor(pageRequest(null).atPriority(1)
                .withQueryParam("$filter", equalTo(filterFor(watermark)))
                .willReturn(okJson("{\"d\": {\"results\": []}}")));
    }

    /**
     * Three pages without throttling or malformed entries: {@code PAGE_SIZE}, {@code PAGE_SIZE} and
     * {@code lastPageSize} users, each page stating {@code "__count": statedCount} as OData v2 does for
     * {@code $inlinecount=allpages} (a string, in {@code d}).
     */
    void stubCountedPages(int lastPageSize, int statedCount) {
        int n = 0;
        for (int page = 1; page <= PAGES; page++) {
            List<String> users = new ArrayList<>();
            for (int i = 0; i < (page == PAGES ? lastPageSize : PAGE_SIZE); i++) {
                users.add(user(n++));
            }
            String body = page(page == PAGES ? null : "p" + (page + 1), users)
                    .replaceFirst("\\{\"d\": \\{", "{\"d\": {\"__count\": \"" + statedCount + "\", ");
            server.stubFor(pageRequest(page == 1 ? null : "p" + page).willReturn(okJson(body)));
        }
    }

    static MappingBuilder pageRequest(String skiptoken) {
        return get(urlPathEqualTo(PATH))
                .withQueryParam("$skiptoken", skiptoken == null ? absent() : equalTo(skiptoken));
    }

    private String user(int n) {
        long modified = FIRST_CHANGE.plus(Duration.ofMinutes(n)).toEpochMilli();
        String id = userId(n);
        return """
                {"__metadata": {"uri": "%s/odata/v2/User('%s')", "type": "SFOData.User"},
                 "userId": "%s", "firstName": "First%s", "lastName": "Last", "email": "%s@acme.example",
                 "department": "Sales", "title": "Clerk", "status": "active", "lastModifiedDateTime": "/Date(%d+0000)/"}
                """.formatted(url(), id, id, id, id, modified);
    }

    private String page(String next, List<String> users) {
        return "{\"d\": {\"results\": [" + String.join(",", users) + "]"
                + (next == null ? "" : ", \"__next\": \"" + url() + PATH + "?$format=json&$skiptoken=" + next + "\"")
                + "}}";
    }

    @Override
    public void close() {
        server.stop();
    }
}
