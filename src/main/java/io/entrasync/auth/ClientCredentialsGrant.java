package io.entrasync.auth;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One OAuth 2.0 client-credentials grant (RFC 6749 section 4.4), as {@link ClientCredentialsTokens} sends it through
 * quarkus-oidc-client: Microsoft Graph with a client secret or a federated token (workload identity), or an HR API's
 * token endpoint. Secrets never appear in {@link #toString()}.
 *
 * @param name who asks, for messages: {@code graph}, {@code source 'personio'}
 * @param tokenUrl the token endpoint, used as it is (no discovery); {@code http://} works (the emulator, stubs)
 * @param clientId the client (application) id
 * @param clientSecret a client secret; empty with a federated token file
 * @param federatedTokenFile a file holding a JWT (with an {@code exp} claim) sent as {@code client_assertion}; read
 *        again whenever the one read before has expired (AKS rotates it)
 * @param scope the scope asked for; Entra needs {@code <resource>/.default}; empty sends none
 * @param secretInBody {@code true} sends the secret as form fields ({@code client_secret_post}: Entra, Personio);
 *        {@code false} as an HTTP basic header ({@code client_secret_basic}, RFC 6749 section 2.3.1)
 */
public record ClientCredentialsGrant(String name, URI tokenUrl, String clientId, Optional<String> clientSecret,
        Optional<Path> federatedTokenFile, Optional<String> scope, boolean secretInBody) {

    public ClientCredentialsGrant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(federatedTokenFile, "federatedTokenFile");
        Objects.requireNonNull(scope, "scope");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException(name + ": the client id is blank; set the app registration's client id");
        }
        if (clientSecret.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException(name + ": the client secret is blank; set it (in app settings or a Key"
                    + " Vault reference, not in a file)");
        }
        if (clientSecret.isPresent() == federatedTokenFile.isPresent()) {
            throw new IllegalArgumentException(name + ": client-credentials needs exactly one of a client secret "
                    + "(auth.client-secret / --client-secret) or a federated token file (auth.federated-token-file)");
        }
    }

    /** The Graph grant of a source's {@link AuthSettings} (client credentials mode). */
    public static ClientCredentialsGrant forGraph(AuthSettings settings) {
        String clientId = settings.clientId().orElseThrow(() -> new IllegalArgumentException(
                "client-credentials needs the app registration's client id (auth.client-id / --client-id)"));
        return new ClientCredentialsGrant("graph", URI.create(settings.resolvedTokenUrl()), clientId,
                settings.clientSecret(), settings.federatedTokenFile(), Optional.of(settings.scope()), true);
    }

    @Override
    public String toString() {
        return "ClientCredentialsGrant[name=" + name + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret.isPresent() ? "<set>" : "<none>") + ", federatedTokenFile="
                + federatedTokenFile.map(Path::toString).orElse("") + ", scope=" + scope.orElse("")
                + ", secretInBody=" + secretInBody + "]";
    }
}
