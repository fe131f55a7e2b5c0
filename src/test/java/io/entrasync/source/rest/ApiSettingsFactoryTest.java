package io.entrasync.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.entrasync.config.SyncConfig;
import io.entrasync.support.TestConfig;

/** {@code sync.sources.<name>.api.*} read by the real SmallRye Config mapping, then turned into settings. */
class ApiSettingsFactoryTest {

    private static ApiSettings settings(String source, Map<String, String> properties) {
        SyncConfig sync = TestConfig.syncConfig(properties);
        return ApiSettingsFactory.fromConfig(source, sync.sources().get(source).api().orElseThrow());
    }

    @Test
    void aPresetWithItsCredentialsAndOneOverride() {
        ApiSettings settings = settings("sf", Map.of(
                "sync.sources.sf.api.preset", "successfactors",
                "sync.sources.sf.api.base-url", "https://api4.successfactors.com/odata/v2",
                "sync.sources.sf.api.path", "/EmpJob",
                "sync.sources.sf.api.query.\"$select\"", "userId,jobCode",
                "sync.sources.sf.api.auth.username", "sfapi@ACME",
                "sync.sources.sf.api.auth.password", "pw",
                "sync.sources.sf.api.paging.page-size", "200",
                "sync.sources.sf.api.http.max-retry-after", "PT10S"));

        assertThat(settings.baseUrl()).hasToString("https://api4.successfactors.com/odata/v2");
        assertThat(settings.path()).isEqualTo("/EmpJob");
        assertThat(settings.query()).containsEntry("$select", "userId,jobCode").containsEntry("$format", "json");
        assertThat(settings.recordsPath()).isEqualTo("d.results");
        assertThat(settings.paging().style()).isEqualTo(PagingStyle.NEXT_LINK);
        assertThat(settings.paging().pageSize()).isEqualTo(200);
        assertThat(settings.paging().nextLinkPath()).isEqualTo("d.__next");
        assertThat(settings.incremental().filterTemplate())
                .isEqualTo("lastModifiedDateTime gt datetimeoffset'{watermark}'");
        assertThat(settings.http().maxRetryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.auth()).isEqualTo(new ApiAuth.Basic("sfapi@ACME", "pw"));
        assertThat(settings.auth().toString()).doesNotContain("pw");
    }

    @Test
    void personioNeedsOnlyItsClientCredentials() {
        ApiSettings settings = settings("personio", Map.of(
                "sync.sources.personio.api.preset", "personio",
                "sync.sources.personio.api.auth.client-id", "papi-1",
                "sync.sources.personio.api.auth.client-secret", "s3cret"));

        assertThat(settings.baseUrl()).hasToString("https://api.personio.de");
        assertThat(settings.auth()).isInstanceOfSatisfying(ApiAuth.OAuth2ClientCredentials.class, oauth -> {
            assertThat(oauth.tokenUrl()).hasToString("https://api.personio.de/v2/auth/token");
            assertThat(oauth.credentialsInBody()).isTrue();
        });
        assertThat(settings.auth().toString()).doesNotContain("s3cret");
    }

    @Test
    void aHandMadeSourceWithoutPreset() {
        ApiSettings settings = settings("custom", Map.ofEntries(
                Map.entry("sync.sources.custom.api.base-url", "https://hr.example.com/api"),
                Map.entry("sync.sources.custom.api.path", "/workers"),
                Map.entry("sync.sources.custom.api.records-path", "data"),
                Map.entry("sync.sources.custom.api.auth.type", "api-key"),
                Map.entry("sync.sources.custom.api.auth.api-key-header", "X-API-Key"),
                Map.entry("sync.sources.custom.api.auth.api-key", "k"),
                Map.entry("sync.sources.custom.api.paging.style", "offset-limit"),
                Map.entry("sync.sources.custom.api.paging.page-size", "100"),
                Map.entry("sync.sources.custom.api.paging.page-size-param", "limit"),
                Map.entry("sync.sources.custom.api.paging.offset-param", "offset"),
                Map.entry("sync.sources.custom.api.incremental.filter-param", "modifiedSince")));

        assertThat(settings.auth()).isEqualTo(new ApiAuth.ApiKey("X-API-Key", "", "k"));
        assertThat(settings.paging().style()).isEqualTo(PagingStyle.OFFSET_LIMIT);
        assertThat(settings.incremental().filterParam()).isEqualTo("modifiedSince");
        assertThat(settings.incremental().overlap()).isEqualTo(ApiPresets.OVERLAP);
        assertThat(settings.detail()).isEmpty();
        assertThat(settings.idField()).isEqualTo(Optional.empty());
    }

    @Test
    void aMissingKeyIsNamed() {
        assertThatThrownBy(() -> settings("wd", Map.of("sync.sources.wd.api.preset", "workday-raas")))
                .hasMessageStartingWith("sync.sources.wd.api.base-url is not set");
        assertThatThrownBy(() -> settings("wd", Map.of(
                "sync.sources.wd.api.preset", "workday-raas",
                "sync.sources.wd.api.base-url",
                "https://wd2-impl-services1.workday.com/ccx/service/customreport2/acme/ISU/R",
                "sync.sources.wd.api.auth.username", "ISU")))
                .hasMessageStartingWith("sync.sources.wd.api.auth.password is not set");
        assertThatThrownBy(() -> settings("x", Map.of(
                "sync.sources.x.api.base-url", "https://hr.example.com",
                "sync.sources.x.api.paging.style", "cursor")))
                .hasMessageStartingWith("sync.sources.x.api.paging.cursor-path is not set");
        assertThatThrownBy(() -> settings("x", Map.of("sync.sources.x.api.preset", "oracle")))
                .hasMessageContaining("unknown preset 'oracle'");
    }

    @Test
    void aSourceWithoutApiKeysHasNoApiSettings() {
        SyncConfig sync = TestConfig.syncConfig(Map.of("sync.sources.files.mapping", "m.yaml"));

        assertThat(sync.sources().get("files").api()).isEmpty();
    }

    @Test
    void workdayRaasWithoutAnIdFieldFailsAtStartUpNamingTheKey() {
        assertThatThrownBy(() -> settings("wd", Map.of(
                "sync.sources.wd.api.preset", "workday-raas",
                "sync.sources.wd.api.base-url", "https://wd2-impl-services1.workday.com/ccx/service/customreport2/acme/"
                        + "isu/Workers",
                "sync.sources.wd.api.auth.username", "ISU_Entra",
                "sync.sources.wd.api.auth.password", "pw")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sync.sources.wd.api.id-field is not set: ")
                .hasMessageContaining("report field names are defined by the report")
                .hasMessageNotContaining("pw");

        assertThat(settings("wd", Map.of(
                "sync.sources.wd.api.preset", "workday-raas",
                "sync.sources.wd.api.base-url", "https://wd2-impl-services1.workday.com/ccx/service/customreport2/acme/"
                        + "isu/Workers",
                "sync.sources.wd.api.id-field", "Employee_ID",
                "sync.sources.wd.api.auth.username", "ISU_Entra",
                "sync.sources.wd.api.auth.password", "pw")).idField()).contains("Employee_ID");
    }

    @Test
    void successFactorsAsksForEveryStatusUnlessTheBaseFilterIsNarrowed() {
        Map<String, String> sf = Map.of(
                "sync.sources.sf.api.preset", "successfactors",
                "sync.sources.sf.api.base-url", "https://api4.successfactors.com/odata/v2",
                "sync.sources.sf.api.auth.username", "sfapi@ACME",
                "sync.sources.sf.api.auth.password", "pw");
        ApiSettings preset = settings("sf", sf);
        assertThat(preset.baseFilter()).contains("status in 't','f','T','F','e','d'");
        assertThat(preset.sessionReuse()).isTrue();

        Map<String, String> narrowed = new HashMap<>(sf);
        narrowed.put("sync.sources.sf.api.base-filter", "status in 't','f'");
        narrowed.put("sync.sources.sf.api.session-reuse", "false");
        narrowed.put("sync.sources.sf.api.circuit.failures", "5");
        narrowed.put("sync.sources.sf.api.circuit.open-for", "PT2H");
        ApiSettings settings = settings("sf", narrowed);
        assertThat(settings.baseFilter()).contains("status in 't','f'");
        assertThat(settings.sessionReuse()).isFalse();
        assertThat(settings.circuit()).isEqualTo(new CircuitSettings(5, Duration.ofHours(2)));

        narrowed.put("sync.sources.sf.api.base-filter", "none");
        assertThat(settings("sf", narrowed).baseFilter()).as("the API's own default: active users only").isEmpty();
    }

    @Test
    void scimKeysOnExternalIdAndBambooHrTakesEitherBaseUrlForm() {
        assertThat(settings("scim", Map.of(
                "sync.sources.scim.api.preset", "scim",
                "sync.sources.scim.api.base-url", "https://hr.example/scim/v2",
                "sync.sources.scim.api.auth.api-key", "t")).idField()).contains("externalId");

        assertThat(settings("bamboo", Map.of(
                "sync.sources.bamboo.api.preset", "bamboohr",
                "sync.sources.bamboo.api.base-url", "https://acme.bamboohr.com",
                "sync.sources.bamboo.api.auth.username", "key")).baseUrl())
                .hasToString("https://acme.bamboohr.com/api/v1");
        ApiSettings gateway = settings("bamboo", Map.of(
                "sync.sources.bamboo.api.preset", "bamboohr",
                "sync.sources.bamboo.api.base-url", "https://api.bamboohr.com/api/gateway.php/acme",
                "sync.sources.bamboo.api.auth.username", "key"));
        assertThat(gateway.baseUrl()).hasToString("https://api.bamboohr.com/api/gateway.php/acme/v1");
        assertThat(gateway.detail()).hasValueSatisfying(d -> assertThat(d.requireSameId()).isTrue());
    }
}
