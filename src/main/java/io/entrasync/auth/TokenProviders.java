package io.entrasync.auth;

import java.net.http.HttpClient;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds the token provider a source's {@link AuthSettings} ask for. */
public final class TokenProviders {

    private TokenProviders() {
    }

    public static AccessTokenProvider create(AuthSettings settings, HttpClient http, ObjectMapper mapper) {
        TokenSource source = switch (settings.mode()) {
            case MANAGED_IDENTITY -> new ManagedIdentityTokenSource(settings.clientId(), settings.scope());
            case CLIENT_CREDENTIALS -> new ClientCredentialsTokenSource(settings, http, mapper);
        };
        return new CachingTokenProvider(source);
    }
}
