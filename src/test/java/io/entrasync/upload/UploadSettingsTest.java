package io.entrasync.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.entrasync.auth.AuthMode;

class UploadSettingsTest {

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
                .hasMessageContaining("managed-identity or client-credentials");
    }
}
