package io.entrasync.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.entrasync.source.SourceRow;
import io.entrasync.source.rest.SuccessFactorsODataStub.User;

/**
 * The successfactors preset against a User entity that returns active users only unless the filter names a status
 * (SAP KBA 2736579 / 2166571), pages by snapshot and counts logins ({@link SuccessFactorsODataStub}).
 */
class SuccessFactorsStatusTest {

    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    private static final Instant WATERMARK = Instant.parse("2024-05-02T00:00:00Z");

    private SuccessFactorsODataStub api;

    @BeforeEach
    void start() throws Exception {
        api = new SuccessFactorsODataStub("sfapi@ACME", "secret");
        // before the watermark: one of each status
        api.add(new User("active", "t", "Sales", T0));
        api.add(new User("leaver", "f", "Sales", T0));
        api.add(new User("external", "T", "Sales", T0));
        api.add(new User("external-leaver", "F", "R&D", T0));
        api.add(new User("learner", "e", "Sales", T0));
        api.add(new User("learner-gone", "d", "Sales", T0));
        // changed after the watermark: a hire and a leaver
        api.add(new User("hired", "t", "Sales", WATERMARK.plusSeconds(3600)));
        api.add(new User("left", "f", "Sales", WATERMARK.plusSeconds(7200)));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private ApiSettings.Builder preset() {
        return ApiPresets.builder(ApiPresets.SUCCESSFACTORS, "sf")
                .baseUrl(api.baseUrl())
                .auth(new ApiAuth.Basic("sfapi@ACME", "secret"))
                .http(ApiStub.fastHttp());
    }

    private static List<String> read(ApiSettings settings, Optional<String> watermark) {
        RestSource source = new RestSource(settings, RestSource.defaultClient(settings), d -> { },
                Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC));
        List<String> ids = new ArrayList<>();
        try (ApiRead read = source.read(watermark)) {
            read.forEachRemaining(item -> ids.add(((SourceRow.Parsed) item).record().get("userId")));
            assertThat(read.nextWatermark()).isPresent();
        }
        return ids;
    }

    @Test
    void theApiAloneReturnsOnlyActiveUsersSoThePresetAsksForEveryStatus() {
        List<String> withoutStatusClause = read(preset().baseFilter("").build(), Optional.empty());
        assertThat(withoutStatusClause).as("the API's default: status t and T only")
                .containsExactly("active", "external", "hired");

        List<String> preset = read(preset().build(), Optional.empty());

        assertThat(preset).containsExactly("active", "leaver", "external", "external-leaver", "learner",
                "learner-gone", "hired", "left");
        assertThat(api.queries.get(api.queries.size() - 1))
                .contains("$filter=status%20in%20't','f','T','F','e','d'");
    }

    @Test
    void anIncrementalReadReadsOnlyWhatChangedInactiveUsersIncluded() {
        List<String> delta = read(preset().build(), Optional.of(WATERMARK.toString()));

        assertThat(delta).containsExactly("hired", "left");
        assertThat(api.queries.get(0)).contains("$filter=(status%20in%20't','f','T','F','e','d')%20and%20"
                + "(lastModifiedDateTime%20gt%20datetimeoffset'2024-05-01T23:59:00Z')");
    }

    @Test
    void aFilterOfTheConfigurationIsCombinedWithTheStatusAndDeltaClauses() {
        ApiSettings settings = preset().query("$filter", "department eq 'Sales'").build();

        assertThat(read(settings, Optional.empty())).containsExactly("active", "leaver", "external", "learner",
                "learner-gone", "hired", "left");
        assertThat(read(settings, Optional.of(WATERMARK.toString()))).containsExactly("hired", "left");
        assertThat(api.queries.get(api.queries.size() - 1)).contains("$filter=(status%20in%20't','f','T','F','e','d')"
                + "%20and%20(department%20eq%20'Sales')%20and%20(lastModifiedDateTime%20gt%20");
    }

    @Test
    void narrowingTheStatusesLeavesTheOthersUnread() {
        ApiSettings internalOnly = preset().baseFilter("status in 't','f'").build();

        assertThat(read(internalOnly, Optional.empty())).containsExactly("active", "leaver", "hired", "left");
    }

    @Test
    void theSnapshotsPagesReuseTheSessionOfTheFirstAnswer() {
        ApiSettings threePages = preset().paging(new PagingSettings(PagingStyle.NEXT_LINK, 3, "customPageSize",
                "d.__next", "", "", "", Optional.empty(), Optional.empty(), 1)).build();

        assertThat(read(threePages, Optional.empty())).hasSize(8);

        assertThat(api.queries).hasSize(3);
        assertThat(api.queries.get(1)).contains("$skiptoken=");
        assertThat(api.logins()).as("one session for the whole snapshot (SAP KBA 3308165)").isEqualTo(1);
        assertThat(api.csrfHeaders).containsExactly("Fetch", "csrf-S1", "csrf-S1");

        ApiSettings noReuse = preset().sessionReuse(false).paging(threePages.paging()).build();
        read(noReuse, Optional.empty());
        assertThat(api.logins()).as("without reuse, a login per page").isEqualTo(4);
    }
}
