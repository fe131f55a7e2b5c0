package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.entrasync.source.rest.ApiAuth;

/** The client-credentials rules live in {@link ClientCredentialsGrant}; the HR API's OAuth 2.0 auth uses them too. */
class ClientCredentialsGrantTest {

    private static final URI TOKEN_URL = URI.create("https://login.example.test/token");

    @Test
    void aBlankClientIdOrSecretIsRefusedWithWhatToSet() {
        assertThatThrownBy(() -> new ClientCredentialsGrant("graph", TOKEN_URL, " ", Optional.of("secret"),
                Optional.empty(), Optional.empty(), true)).hasMessageContaining("client id is blank");
        assertThatThrownBy(() -> new ClientCredentialsGrant("graph", TOKEN_URL, "app", Optional.of(""),
                Optional.empty(), Optional.empty(), true)).hasMessageContaining("client secret is blank");
    }

    @Test
    void theHrApisOAuthSettingsAreCheckedByTheSameRules() {
        assertThatThrownBy(() -> new ApiAuth.OAuth2ClientCredentials(TOKEN_URL, "", "secret", Optional.empty(), true))
                .hasMessageContaining("client id is blank");
        assertThatThrownBy(() -> new ApiAuth.OAuth2ClientCredentials(null, "app", "secret", Optional.empty(), true))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("tokenUrl");
    }
}
