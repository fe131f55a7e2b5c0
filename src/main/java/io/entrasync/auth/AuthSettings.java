package io.entrasync.auth;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a token provider needs. Secrets are never printed by {@link #toString()}.
 *
 * @param mode managed identity, client credentials or the Azure CLI
 * @param tenant the Entra tenant (id or domain); required for client credentials unless {@code tokenUrl} is set
 * @param clientId managed identity: the user-assigned identity's client id (empty = system-assigned);
 *        client credentials: the app registration's client id
 * @param clientSecret client credentials with a secret
 * @param federatedTokenFile client credentials with a federated token (workload identity); read again for every fetch
 * @param tokenUrl the OAuth token endpoint; default
 *        {@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token}
 * @param scope the scope asked for, {@code https://graph.microsoft.com/.default}
 */
public record AuthSettings(AuthMode mode, Optional<String> tenant, Optional<String> clientId,
        Optional<String> clientSecret, Optional<Path> federatedTokenFile, Optional<String> tokenUrl, String scope) {

    public static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";
    public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com";

    public static AuthSettings managedIdentity(Optional<String> userAssignedClientId) {
        return new AuthSettings(AuthMode.MANAGED_IDENTITY, Optional.empty(), userAssignedClientId, Optional.empty(),
                Optional.empty(), Optional.empty(), GRAPH_SCOPE);
    }

    public static AuthSettings clientSecret(String tokenUrl, String clientId, String secret) {
        return new AuthSettings(AuthMode.CLIENT_CREDENTIALS, Optional.empty(), Optional.of(clientId),
                Optional.of(secret), Optional.empty(), Optional.of(tokenUrl), GRAPH_SCOPE);
    }

    /** The same settings signed in another way ({@code --auth} on the admin commands). */
    public AuthSettings withMode(AuthMode other) {
        return new AuthSettings(other, tenant, clientId, clientSecret, federatedTokenFile, tokenUrl, scope);
    }

    /** Scrubs this source's client secret (and, by pattern, any token) from text the service or an error holds. */
    public SecretScrubber scrubber() {
        return clientSecret.map(secret -> SecretScrubber.of(secret).withBasicPair(clientId.orElse(null), secret))
                .orElse(SecretScrubber.PATTERNS);
    }

    /** The token endpoint to use for client credentials. */
    public String resolvedTokenUrl() {
        return tokenUrl.orElseGet(() -> DEFAULT_AUTHORITY + "/"
                + tenant.orElseThrow(() -> new IllegalStateException(
                        "client-credentials needs the tenant (sync.sources.<name>.graph.tenant) or a token URL"))
                + "/oauth2/v2.0/token");
    }

    @Override
    public String toString() {
        return "AuthSettings[mode=" + mode.label() + ", tenant=" + tenant.orElse("") + ", clientId="
                + clientId.orElse("") + ", clientSecret=" + (clientSecret.isPresent() ? "<set>" : "<none>")
                + ", federatedTokenFile=" + federatedTokenFile.map(Path::toString).orElse("") + ", tokenUrl="
                + tokenUrl.orElse("") + ", scope=" + scope + "]";
    }
}
