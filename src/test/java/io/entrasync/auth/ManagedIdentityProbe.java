package io.entrasync.auth;

import java.util.Optional;

/**
 * Run in a child JVM by {@code TokenProvidersEmulatorTest}: azure-identity's managed-identity credential reads
 * {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER} from the real process environment (as in Azure Functions),
 * which a running JVM cannot change. Prints the token on stdout for the parent test to use. Args: [client id].
 */
public final class ManagedIdentityProbe {

    private ManagedIdentityProbe() {
    }

    public static void main(String[] args) {
        Optional<String> clientId = args.length > 0 ? Optional.of(args[0]) : Optional.empty();
        AccessTokenProvider provider = new CachingTokenProvider(
                new ManagedIdentityTokenSource(clientId, AuthSettings.GRAPH_SCOPE));
        try {
            String first = provider.accessToken();
            String second = provider.accessToken();
            System.out.println("cached=" + isSameInstance(first, second));
            System.out.println("token=" + first);
        } catch (TokenAcquisitionException e) {
            System.out.println("error=" + e.getMessage());
        }
    }

    @SuppressWarnings("ReferenceEquality") // a cached token is the same object, not an equal one
    private static boolean isSameInstance(Object first, Object second) {
        return first == second;
    }
}
