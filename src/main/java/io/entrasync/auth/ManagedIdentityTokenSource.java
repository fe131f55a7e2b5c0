package io.entrasync.auth;

import java.util.Optional;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ManagedIdentityCredentialBuilder;

/**
 * Tokens from the host's managed identity through azure-identity's {@code ManagedIdentityCredential}: in Azure
 * Functions it reads {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}; elsewhere it finds the platform's endpoint
 * (IMDS on VMs). A client id selects a user-assigned identity.
 */
public final class ManagedIdentityTokenSource implements TokenSource {

    private final TokenCredential credential;
    private final TokenRequestContext request;
    private final String identity;

    public ManagedIdentityTokenSource(Optional<String> userAssignedClientId, String scope) {
        ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
        userAssignedClientId.ifPresent(builder::clientId);
        this.credential = builder.build();
        this.request = new TokenRequestContext().addScopes(scope);
        this.identity = userAssignedClientId.map(id -> "user-assigned managed identity " + id)
                .orElse("system-assigned managed identity");
    }

    @Override
    public AccessToken fetch() {
        try {
            com.azure.core.credential.AccessToken token = credential.getTokenSync(request);
            return new AccessToken(token.getToken(), token.getExpiresAt().toInstant());
        } catch (RuntimeException e) {
            throw new TokenAcquisitionException("The " + identity + " could not get a token: "
                    + firstLine(e.getMessage()) + ". In Azure, check that the identity is enabled on the app (and"
                    + " assigned, for a user-assigned one); outside Azure use --auth client-credentials.", false, e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
