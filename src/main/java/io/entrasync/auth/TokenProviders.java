package io.entrasync.auth;

/** Builds the Graph token provider a source's {@link AuthSettings} ask for. */
public final class TokenProviders {

    private TokenProviders() {
    }

    /**
     * Managed identity through azure-identity; client credentials (secret or federated token file) through the app's
     * one OAuth 2.0 token client; the Azure CLI's signed-in admin through {@code az} on this process's PATH.
     *
     * @throws IllegalArgumentException when client credentials lack the client id, or have neither or both of a
     *         secret and a federated token file
     */
    public static AccessTokenProvider create(AuthSettings settings, ClientCredentialsTokens clientCredentials) {
        return switch (settings.mode()) {
            case MANAGED_IDENTITY -> new CachingTokenProvider(
                    new ManagedIdentityTokenSource(settings.clientId(), settings.scope()));
            case CLIENT_CREDENTIALS -> clientCredentials.provider(ClientCredentialsGrant.forGraph(settings));
            case AZURE_CLI -> new CachingTokenProvider(
                    new AzureCliTokenSource(settings.tenant(), settings.scope(), System.getenv()));
        };
    }
}
