package io.entrasync.auth;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.oidc.client.OidcClients;

/**
 * The one token client for every OAuth 2.0 client-credentials grant of the app (Graph with a secret or a federated
 * token, and the HR APIs): one quarkus-oidc-client {@code OidcClient} per distinct grant, created at run time, behind
 * a {@link CachingTokenProvider} (cached until shortly before expiry; {@link AccessTokenProvider#invalidate()} after a
 * 401 makes the next call fetch again). Managed identity is not here: it stays on azure-identity
 * ({@link ManagedIdentityTokenSource}).
 */
@ApplicationScoped
public class ClientCredentialsTokens {

    private final OidcClients clients;
    private final Map<ClientCredentialsGrant, Entry> providers = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    private record Entry(OidcTokenSource source, AccessTokenProvider provider) {
    }

    @Inject
    public ClientCredentialsTokens(OidcClients clients) {
        this.clients = clients;
    }

    /** The token provider of a grant; the same one for the same grant, so its cache lives as long as the app. */
    public AccessTokenProvider provider(ClientCredentialsGrant grant) {
        return providers.computeIfAbsent(grant, g -> {
            // An OidcClient id is only a name; it must be unique per client (a source name alone may repeat).
            String id = "entrasync-" + sequence.incrementAndGet();
            OidcTokenSource source = new OidcTokenSource(clients, g, id, Clock.systemUTC());
            return new Entry(source, new CachingTokenProvider(source));
        }).provider();
    }

    @PreDestroy
    void close() {
        providers.values().forEach(entry -> entry.source().close());
        providers.clear();
    }
}
