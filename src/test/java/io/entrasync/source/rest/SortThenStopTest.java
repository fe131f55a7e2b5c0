package io.entrasync.source.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.entrasync.support.TestConfig;

/**
 * Sort-then-stop and epoch-second watermarks, against a stub shaped as open-source clients of Namely's API read its
 * profiles list (Namely's reference page could not be reached to cite): {@code GET
 * /api/v1/profiles?sort=-updated_at&page=N&per_page=M}
 * answers {@code {"profiles":[…],"meta":{"count":…,"total_count":…}}}, {@code updated_at} in epoch seconds, newest
 * first; clients stop at their checkpoint instead of reading every page.
 */
class SortThenStopTest {

    private static final long T0 = Instant.parse("2026-11-20T00:00:00Z").getEpochSecond();

    @RegisterExtension
    final ApiStub stub = new ApiStub();

    private ApiSettings namelyShaped() {
        IncrementalSettings incremental = new IncrementalSettings("", "{watermark}", Timestamps.EPOCH_SECONDS,
                Optional.of("updated_at"), Optional.empty(), Duration.ofMinutes(1), Optional.empty())
                .stoppingAtWatermark();
        return ApiSettings.builder("namely").baseUrl(stub.url()).path("/api/v1/profiles").recordsPath("profiles")
                .idField("id").query("sort", "-updated_at").http(ApiStub.fastHttp())
                .paging(new PagingSettings(PagingStyle.PAGE_NUMBER, 2, "per_page", "", "", "", "page",
                        Optional.of("meta.total_count"), Optional.empty(), 1))
                .incremental(incremental).build();
    }

    /** A profile updated {@code hoursAfterT0} hours after 2026-11-20T00:00Z. */
    private static String profile(String id, long hoursAfterT0) {
        return "{\"id\": \"" + id + "\", \"updated_at\": " + (T0 + hoursAfterT0 * 3600) + "}";
    }

    private void page(int number, int total, String... profiles) {
        stub.server.stubFor(get(urlPathEqualTo("/api/v1/profiles")).withQueryParam("sort", equalTo("-updated_at"))
                .withQueryParam("page", equalTo(Integer.toString(number))).willReturn(okJson("{\"profiles\": ["
                        + String.join(",", profiles) + "], \"meta\": {\"count\": " + profiles.length
                        + ", \"total_count\": " + total + "}}")));
    }

    @Test
    void theReadStopsAtTheFirstRecordOlderThanTheWatermarkWithoutAskingForMorePages() {
        page(1, 6, profile("f", 50), profile("e", 40));
        page(2, 6, profile("d", 30), profile("c", 10));
        page(3, 6, profile("b", 5), profile("a", 1));

        // watermark at hour 20: d (30) changed since, c (10) did not
        ApiStub.Outcome outcome = ApiStub.drain(stub.source(namelyShaped()),
                Optional.of(Instant.ofEpochSecond(T0 + 20 * 3600).toString()));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("f", "e", "d");
        assertThat(outcome.watermark()).contains(Instant.ofEpochSecond(T0 + 50 * 3600).toString());
        stub.server.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/profiles")).withQueryParam("page",
                equalTo("3")));
    }

    @Test
    void theOverlapReadsARecordStampedJustBeforeTheWatermarkAgain() {
        page(1, 2, profile("b", 30), "{\"id\": \"a\", \"updated_at\": " + (T0 + 20 * 3600 - 30) + "}");
        page(2, 2);

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(namelyShaped()),
                Optional.of(Instant.ofEpochSecond(T0 + 20 * 3600).toString()));

        assertThat(outcome.values("id")).containsExactly("b", "a");
    }

    @Test
    void withoutAWatermarkEveryPageIsReadAndTheStatedTotalMustBeMet() {
        page(1, 3, profile("c", 30), profile("b", 20));
        page(2, 3, profile("a", 10));
        page(3, 3);

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(namelyShaped()), Optional.empty());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.values("id")).containsExactly("c", "b", "a");
        assertThat(outcome.watermark()).contains(Instant.ofEpochSecond(T0 + 30 * 3600).toString());
    }

    @Test
    void aNewerRecordAfterAnOlderOneFailsTheReadRatherThanStoppingEarly() {
        page(1, 6, profile("f", 50), profile("e", 40));
        page(2, 6, profile("d", 45), profile("c", 10));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(namelyShaped()),
                Optional.of(Instant.ofEpochSecond(T0 + 20 * 3600).toString()));

        assertThat(outcome.failure()).hasMessageContaining("page 2, record 1")
                .hasMessageContaining("not sorted newest first").hasMessageContaining("query.sort");
        assertThat(outcome.watermark()).isEmpty();
        assertThat(outcome.values("id")).containsExactly("f", "e");
    }

    @Test
    void aRecordWithoutAReadableTimeFailsTheRead() {
        page(1, 2, profile("b", 50), "{\"id\": \"a\", \"updated_at\": \"soon\"}");

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(namelyShaped()),
                Optional.of(Instant.ofEpochSecond(T0 + 20 * 3600).toString()));

        assertThat(outcome.failure()).hasMessageContaining("'updated_at' is 'soon', not a time in epoch-seconds")
                .hasMessageContaining("incremental.watermark-format");
        assertThat(outcome.watermark()).isEmpty();
    }

    @Test
    void anEpochSecondFilterSendsTheWatermarkAsANumber() {
        ApiSettings settings = ApiSettings.builder("epoch").baseUrl(stub.url()).path("/people").recordsPath("items")
                .idField("id").http(ApiStub.fastHttp())
                .incremental(new IncrementalSettings("updated_since", "{watermark}", Timestamps.EPOCH_MILLIS,
                        Optional.of("modified"), Optional.empty(), Duration.ZERO, Optional.empty()))
                .build();
        long since = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("updated_since",
                equalTo(Long.toString(since))).willReturn(okJson("{\"items\": [{\"id\": \"a\", \"modified\": "
                        + (since + 1500) + "}, {\"id\": \"b\", \"modified\": \"" + (since + 250) + "\"}]}")));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings), Optional.of("2026-11-01T00:00:00Z"));

        assertThat(outcome.values("id")).containsExactly("a", "b");
        assertThat(outcome.watermark()).contains("2026-11-01T00:00:01.500Z");
    }

    @Test
    void anEpochFilteredReadThatFailsOnItsSecondPageKeepsTheWatermark() {
        ApiSettings settings = ApiSettings.builder("epoch").baseUrl(stub.url()).path("/people").recordsPath("items")
                .idField("id").http(ApiStub.fastHttp())
                .paging(new PagingSettings(PagingStyle.NEXT_LINK, 0, "", "next", "", "", "", Optional.empty(),
                        Optional.empty(), 1))
                .incremental(new IncrementalSettings("updated_since", "{watermark}", Timestamps.EPOCH_SECONDS,
                        Optional.of("modified"), Optional.empty(), Duration.ZERO, Optional.empty()))
                .build();
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("updated_since", equalTo(Long.toString(T0)))
                .willReturn(okJson("{\"items\": [{\"id\": \"a\", \"modified\": " + (T0 + 3600)
                        + "}], \"next\": \"/people?page=2\"}")));
        stub.server.stubFor(get(urlPathEqualTo("/people")).withQueryParam("page", equalTo("2"))
                .willReturn(aResponse().withStatus(500)));

        ApiStub.Outcome outcome = ApiStub.drain(stub.source(settings),
                Optional.of(Instant.ofEpochSecond(T0).toString()));

        assertThat(outcome.values("id")).containsExactly("a");
        assertThat(outcome.failure()).hasMessageContaining("500");
        assertThat(outcome.watermark()).isEmpty();
    }

    @Test
    void configurationNeedsTheSortFieldToStopAtTheWatermark() {
        assertThatThrownBy(() -> ApiSettingsFactory.fromConfig("hr", TestConfig.syncConfig(Map.of(
                "sync.sources.hr.api.base-url", "https://hr.example.com/api",
                "sync.sources.hr.api.incremental.stop-at-watermark", "true")).sources().get("hr").api().orElseThrow()))
                .hasMessageContaining("sync.sources.hr.api.incremental.watermark-field is not set");
        ApiSettings settings = ApiSettingsFactory.fromConfig("hr", TestConfig.syncConfig(Map.of(
                "sync.sources.hr.api.base-url", "https://hr.example.com/api",
                "sync.sources.hr.api.incremental.stop-at-watermark", "true",
                "sync.sources.hr.api.incremental.watermark-field", "updated_at",
                "sync.sources.hr.api.incremental.watermark-format", "epoch-seconds")).sources().get("hr").api()
                .orElseThrow());
        assertThat(settings.incremental().stopAtWatermark()).isTrue();
        assertThat(settings.incremental().overlap()).isEqualTo(ApiPresets.OVERLAP);
    }
}
