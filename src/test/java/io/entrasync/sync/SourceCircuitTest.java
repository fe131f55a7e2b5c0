package io.entrasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.entrasync.auth.SecretScrubber;
import io.entrasync.source.rest.ApiAuth;
import io.entrasync.source.rest.ApiSettings;

/** The circuit's stored error is shown by {@code status} and kept in blob state: it never holds a secret. */
class SourceCircuitTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theStoredErrorHasTheSourcesSecretsScrubbed() {
        ApiSettings api = ApiSettings.builder("bamboo").baseUrl("https://api.example.test")
                .auth(new ApiAuth.Basic("apikey-0123456789", "x-password-42")).build();
        String error = "source 'bamboo': GET https://api.example.test/v1?api_key=apikey-0123456789 answered 500"
                + " (echo: user apikey-0123456789 password x-password-42, Authorization: Basic "
                + Base64.getEncoder()
                .encodeToString("apikey-0123456789:x-password-42".getBytes(StandardCharsets.UTF_8)) + ")";

        SyncState failed = SourceCircuit.failed(new SyncState(null, null, null, null, null), api, error, NOW);

        String stored = failed.circuit().lastError();
        assertThat(stored).doesNotContain("x-password-42").doesNotContain("YXBpa2V5").contains(SecretScrubber.MASK)
                .contains("answered 500");
        assertThat(SourceCircuit.describe(failed, api.circuit(), NOW)).doesNotContain("x-password-42");
        assertThat(failed.circuit().failedReads()).isEqualTo(1);
    }
}
