package io.entrasync.auth;

import java.security.KeyStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.oidc.client.OidcClients;
import io.quarkus.tls.TlsConfigurationRegistry;

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
    private final TlsConfigurationRegistry tls;
    private final Map<Key, Entry> providers = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    private record Entry(OidcTokenSource source, AccessTokenProvider provider) {
    }

    private record Key(ClientCredentialsGrant grant, Optional<ClientCertificate> certificate) {
    }

    @Inject
    public ClientCredentialsTokens(OidcClients clients, TlsConfigurationRegistry tls) {
        this.clients = clients;
        this.tls = tls;
    }

    /** The token provider of a grant; the same one for the same grant, so its cache lives as long as the app. */
    public AccessTokenProvider provider(ClientCredentialsGrant grant) {
        return provider(grant, Optional.empty(), Optional.empty());
    }

    /**
     * The token provider of a grant whose token call presents a client certificate (mutual TLS, e.g. ADP).
     *
     * @param trust the token server's certificates to trust; empty for the JVM's default trust store (public CAs;
     *              tests trust their own stub)
     */
    public AccessTokenProvider provider(ClientCredentialsGrant grant, Optional<ClientCertificate> certificate,
            Optional<KeyStore> trust) {
        return providers.computeIfAbsent(new Key(grant, certificate), key -> {
            // An OidcClient id is only a name; it must be unique per client (a source name alone may repeat).
            String id = "entrasync-" + sequence.incrementAndGet();
            Optional<String> tlsName = certificate.map(c -> {
                tls.register(id + "-tls", new CertificateTlsConfiguration(c, trust));
                return id + "-tls";
            });
            OidcTokenSource source = new OidcTokenSource(clients, grant, id, tlsName, Clock.systemUTC());
            return new Entry(source, new CachingTokenProvider(source));
        }).provider();
    }

    @PreDestroy
    void close() {
        providers.values().forEach(entry -> entry.source().close());
        providers.clear();
    }
}
