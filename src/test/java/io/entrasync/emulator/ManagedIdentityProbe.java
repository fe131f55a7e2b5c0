package io.entrasync.emulator;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ManagedIdentityCredentialBuilder;

/**
 * Run in a child JVM whose environment has IDENTITY_ENDPOINT and IDENTITY_HEADER (azure-identity's managed identity,
 * through MSAL4J, reads the process environment only): prints the token it obtained.
 */
public final class ManagedIdentityProbe {
    private ManagedIdentityProbe() {
    }

    public static void main(String[] args) {
        AccessToken token = new ManagedIdentityCredentialBuilder().build()
                .getTokenSync(new TokenRequestContext().addScopes("https://graph.microsoft.com/.default"));
        System.out.println("TOKEN=" + token.getToken());
        System.out.println("EXPIRES=" + token.getExpiresAt().toEpochSecond());
    }
}
