package io.entrasync.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.entrasync.auth.AuthMode;
import io.entrasync.config.SyncConfig;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.support.CapturedLogs;
import io.entrasync.support.TestConfig;

class UploadSettingsTest {

    private static final String RETRIES = "sync.sources.hr.upload.retries.";

    private static UploadOverrides flags(String graphUrl, String spId, String jobId, String auth, String tokenUrl,
            String clientId, String secret) {
        return new UploadOverrides(Optional.ofNullable(graphUrl), Optional.ofNullable(spId), Optional.ofNullable(jobId),
                Optional.ofNullable(auth), Optional.ofNullable(tokenUrl), Optional.ofNullable(clientId),
                Optional.ofNullable(secret));
    }

    @Test
    void anUnconfiguredSourceUsesTheDefaultsAndTheFlags() {
        UploadSettings settings = UploadSettings.resolve("hr", Optional.empty(),
                flags("http://127.0.0.1:8080/", "sp-1", "API2AAD.abc.1", "client-credentials",
                        "http://127.0.0.1:8080/t/oauth2/v2.0/token", "client", "secret"));

        assertThat(settings.target().bulkUploadUri()).hasToString(
                "http://127.0.0.1:8080/beta/servicePrincipals/sp-1/synchronization/jobs/API2AAD.abc.1/bulkUpload");
        assertThat(settings.auth().mode()).isEqualTo(AuthMode.CLIENT_CREDENTIALS);
        assertThat(settings.auth().resolvedTokenUrl()).isEqualTo("http://127.0.0.1:8080/t/oauth2/v2.0/token");
        assertThat(settings.pacing()).isEqualTo(PacingSettings.DEFAULT);
        assertThat(settings.dailyCalls()).isEqualTo(2000);
        assertThat(settings.sharingKey()).isEqualTo("job-sp-1-API2AAD.abc.1");
        assertThat(settings.auth().scope()).isEqualTo("https://graph.microsoft.com/.default");
    }

    @Test
    void readsEverySourceKeyThroughTheConfigMappingAndFlagsWin() {
        SyncConfig sync = TestConfig.syncConfig(Map.ofEntries(
                        Map.entry("sync.sources.hr.graph.url", "https://graph.microsoft.us"),
                        Map.entry("sync.sources.hr.graph.api-version", "v1.0"),
                        Map.entry("sync.sources.hr.graph.service-principal-id", "sp-hr"),
                        Map.entry("sync.sources.hr.graph.job-id", "API2AAD.hr.1"),
                        Map.entry("sync.sources.hr.graph.tenant", "contoso.example"),
                        Map.entry("sync.sources.hr.auth.mode", "client-credentials"),
                        Map.entry("sync.sources.hr.auth.client-id", "app-1"),
                        Map.entry("sync.sources.hr.auth.client-secret", "configured-secret"),
                        Map.entry("sync.sources.hr.upload.pacing.calls", "40"),
                        Map.entry("sync.sources.hr.upload.pacing.window", "PT1S"),
                        Map.entry("sync.sources.hr.upload.quota.daily-calls", "6000"),
                        Map.entry("sync.sources.hr.upload.retries.max-attempts", "3"),
                        Map.entry("sync.sources.hr.upload.request-timeout", "PT30S")));

        UploadSettings settings = UploadSettings.resolve("hr", Optional.of(sync.sources().get("hr")),
                flags(null, null, "API2AAD.flag.2", null, null, null, "flag-secret"));

        assertThat(settings.target().bulkUploadUri()).hasToString("https://graph.microsoft.us/v1.0/servicePrincipals/"
                + "sp-hr/synchronization/jobs/API2AAD.flag.2/bulkUpload");
        assertThat(settings.auth().mode()).isEqualTo(AuthMode.CLIENT_CREDENTIALS);
        assertThat(settings.auth().clientId()).contains("app-1");
        assertThat(settings.auth().clientSecret()).contains("flag-secret");
        assertThat(settings.auth().resolvedTokenUrl())
                .isEqualTo("https://login.microsoftonline.com/contoso.example/oauth2/v2.0/token");
        assertThat(settings.pacing()).isEqualTo(new PacingSettings(40, Duration.ofSeconds(1)));
        assertThat(settings.dailyCalls()).isEqualTo(6000);
        assertThat(settings.retries().maxAttempts()).isEqualTo(3);
        assertThat(settings.retries().maxBackoff()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.sharingKey()).isEqualTo("tenant-contoso.example");
    }

    private static RetryPolicy retriesOf(Map<String, String> retryKeys) {
        return retriesOf("hr", retryKeys);
    }

    private static RetryPolicy retriesOf(String source, Map<String, String> retryKeys) {
        Map<String, String> keys = new HashMap<>();
        retryKeys.forEach((key, value) -> keys.put(key.replace("sources.hr.", "sources." + source + "."), value));
        keys.put("sync.sources." + source + ".graph.service-principal-id", "sp-hr");
        keys.put("sync.sources." + source + ".graph.job-id", "API2AAD.hr.1");
        SyncConfig sync = TestConfig.syncConfig(keys);
        return UploadSettings.resolve(source, Optional.of(sync.sources().get(source)),
                flags(null, null, null, null, null, null, null)).retries();
    }

    @Test
    void graphRetriesCountAttemptsTheFirstIncludedAndTheDefaultIsSixAttempts() {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            assertThat(retriesOf(Map.of()).maxAttempts()).isEqualTo(6).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
            assertThat(retriesOf(Map.of(RETRIES + "max-attempts", "1")).maxAttempts()).isEqualTo(1);
            assertThat(retriesOf(Map.of(RETRIES + "max-attempts", "4")).maxAttempts()).isEqualTo(4);
            assertThat(logs.lines()).noneMatch(line -> line.contains("deprecated"));
        }
    }

    @Test
    void theDeprecatedRetriesMaxMeansOneAttemptMoreAndNamesTheNewKey() {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            assertThat(retriesOf(Map.of(RETRIES + "max", "0")).maxAttempts()).isEqualTo(1);
            assertThat(retriesOf(Map.of(RETRIES + "max", "5")).maxAttempts()).isEqualTo(6);

            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains(RETRIES + "max is deprecated",
                    RETRIES + "max-attempts=6"));
        }
    }

    @Test
    void theDeprecationWarningIsLoggedOnceAProcessThoughSettingsAreResolvedOnEveryRun() {
        String source = "once" + UUID.randomUUID().toString().substring(0, 8);
        try (CapturedLogs logs = CapturedLogs.capture()) {
            for (int run = 0; run < 3; run++) {
                assertThat(retriesOf(source, Map.of(RETRIES + "max", "2")).maxAttempts()).isEqualTo(3);
            }

            assertThat(logs.lines()).filteredOn(line -> line.contains("deprecated")).singleElement()
                    .satisfies(line -> assertThat(line).contains("sync.sources." + source + ".upload.retries.max is"));
        }
    }

    @Test
    void whenBothRetryKeysAreSetTheNewOneWinsAndTheWarningSaysSo() {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            RetryPolicy policy = retriesOf(Map.of(RETRIES + "max", "9", RETRIES + "max-attempts", "2"));

            assertThat(policy.maxAttempts()).isEqualTo(2);
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains(RETRIES + "max (9)",
                    "ignored", RETRIES + "max-attempts (2)", "wins"));
        }
    }

    @Test
    void anImpossibleAttemptCountIsNamedWithItsKey() {
        assertThatThrownBy(() -> retriesOf(Map.of(RETRIES + "max-attempts", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RETRIES + "max-attempts is 0").hasMessageContaining("1 or more");
        assertThatThrownBy(() -> retriesOf(Map.of(RETRIES + "max", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RETRIES + "max is -1").hasMessageContaining(RETRIES + "max-attempts");
    }

    @Test
    void theHoldRuleAndItsMarginAreReadAndAWrongRuleIsNamedWithItsKey() {
        Map<String, String> base = Map.of("sync.sources.hr.graph.service-principal-id", "sp-hr",
                "sync.sources.hr.graph.job-id", "API2AAD.hr.1", "sync.sources.hr.upload.pacing.hold", "Answer",
                "sync.sources.hr.upload.pacing.send-margin", "PT0.25S");
        SyncConfig sync = TestConfig.syncConfig(base);

        UploadSettings settings = UploadSettings.resolve("hr", Optional.of(sync.sources().get("hr")),
                flags(null, null, null, null, null, null, null));

        assertThat(settings.pacing().hold()).isEqualTo(PacingSettings.Hold.ANSWER);
        assertThat(settings.pacing().sendMargin()).isEqualTo(Duration.ofMillis(250));
        Map<String, String> wrong = new HashMap<>(base);
        wrong.put("sync.sources.hr.upload.pacing.hold", "arrival");
        SyncConfig bad = TestConfig.syncConfig(wrong);
        assertThatThrownBy(() -> UploadSettings.resolve("hr", Optional.of(bad.sources().get("hr")),
                flags(null, null, null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'arrival'").hasMessageContaining("send or answer")
                .hasMessageContaining("sync.sources.hr.upload.pacing.hold");
    }

    @Test
    void aMissingJobIdIsNamedWithItsKey() {
        assertThatThrownBy(() -> UploadSettings.resolve("hr", Optional.empty(),
                flags(null, "sp-1", null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provisioning job id").hasMessageContaining("--job-id")
                .hasMessageContaining("sync.sources.hr.graph");
    }

    @Test
    void clientCredentialsWithoutTenantOrTokenUrlIsRefused() {
        assertThatThrownBy(() -> UploadSettings.resolve("hr", Optional.empty(),
                flags(null, "sp", "job", "client-credentials", null, "client", "secret")))
                .hasMessageContaining("sync.sources.hr.graph.tenant");
    }

    @Test
    void anUnknownAuthModeSaysWhatIsAllowed() {
        assertThatThrownBy(() -> UploadSettings.resolve("hr", Optional.empty(),
                flags(null, "sp", "job", "password", null, null, null)))
                .hasMessageContaining("managed-identity, client-credentials or azure-cli");
    }
}
