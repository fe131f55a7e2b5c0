package io.entrasync.auth;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.client.runtime.OidcClientConfig.Grant;
import io.quarkus.oidc.common.runtime.config.OidcClientCommonConfig.Credentials.Jwt;
import io.quarkus.oidc.common.runtime.config.OidcClientCommonConfig.Credentials.Secret;
import io.smallrye.mutiny.TimeoutException;

/**
 * Fetches a token for one {@link ClientCredentialsGrant} with a quarkus-oidc-client {@link OidcClient} built at run
 * time ({@link OidcClients#newClient}), so that sources configured per name, on the command line or in tests each get
 * their own client. The client is configured the way quarkus-oidc-client's reference guide describes a plain OAuth 2.0
 * server: discovery off and the token endpoint given as an absolute {@code token-path}; a federated token file is a
 * {@code credentials.jwt.source=bearer} with {@code credentials.jwt.token-path} (the client sends it as
 * {@code client_assertion} and reads the file again once the JWT read before has expired).
 *
 * <p>The client is created on the first fetch and again after a failed creation (a federated token file that is not
 * there yet makes the creation fail). quarkus-oidc-client does not cache tokens for direct {@code getTokens()} calls;
 * {@link CachingTokenProvider} does. Tokens and secrets are never logged: quarkus-oidc-client masks the form at DEBUG,
 * and the messages here carry the endpoint's error code and description only.
 */
final class OidcTokenSource implements TokenSource, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OidcTokenSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lifetime assumed when the endpoint sends no {@code expires_in} (and the token is not a JWT). */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final String UNAVAILABLE = "OIDC Server is not available";

    private final OidcClients clients;
    private final ClientCredentialsGrant grant;
    private final String clientName;
    private final Optional<String> tlsName;
    private final Clock clock;
    private OidcClient client;

    OidcTokenSource(OidcClients clients, ClientCredentialsGrant grant, String clientName, Clock clock) {
        this(clients, grant, clientName, Optional.empty(), clock);
    }

    /** @param tlsName a TLS registry configuration presenting a client certificate on the token call (mTLS) */
    OidcTokenSource(OidcClients clients, ClientCredentialsGrant grant, String clientName, Optional<String> tlsName,
            Clock clock) {
        this.clients = clients;
        this.grant = grant;
        this.clientName = clientName;
        this.tlsName = tlsName;
        this.clock = clock;
    }

    /** The quarkus-oidc-client configuration of a grant: client credentials, no discovery, absolute token URL. */
    static OidcClientConfig config(ClientCredentialsGrant grant, String clientName) {
        return config(grant, clientName, Optional.empty());
    }

    /** As {@link #config(ClientCredentialsGrant, String)}, presenting a registered client certificate. */
    static OidcClientConfig config(ClientCredentialsGrant grant, String clientName, Optional<String> tlsName) {
        var builder = OidcClientConfig.builder()
                .id(clientName)
                .discoveryEnabled(false)
                .tokenPath(grant.tokenUrl().toString())
                .clientId(grant.clientId())
                .connectionTimeout(CONNECT_TIMEOUT)
                .connectionRetryCount(1)
                .accessTokenExpiresIn(DEFAULT_LIFETIME)
                .grant(Grant.Type.CLIENT);
        grant.scope().ifPresent(builder::scopes);
        tlsName.ifPresent(builder::tlsConfigurationName);
        if (grant.clientSecret().isPresent()) {
            builder.credentials().clientSecret(grant.clientSecret().get(),
                    grant.secretInBody() ? Secret.Method.POST : Secret.Method.BASIC).end();
        } else {
            builder.credentials().jwt().source(Jwt.Source.BEARER).tokenPath(grant.federatedTokenFile().get())
                    .endCredentials();
            // With a bearer assertion quarkus-oidc-client sends no client_id; Entra requires it beside the assertion.
            builder.grantOptions("client", Map.of("client_id", grant.clientId()));
        }
        return builder.build();
    }

    @Override
    public AccessToken fetch() {
        Tokens tokens;
        try {
            tokens = client().getTokens().await().atMost(CALL_TIMEOUT);
        } catch (TokenAcquisitionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw refused(e);
        }
        String value = tokens.getAccessToken();
        if (value == null || value.isBlank()) {
            throw new TokenAcquisitionException(grant.name() + ": the token endpoint " + grant.tokenUrl()
                    + " answered without an access_token. Check the token URL.", false, null);
        }
        Long expiresAt = tokens.getAccessTokenExpiresAt();
        Instant expiry = expiresAt == null ? clock.instant().plus(DEFAULT_LIFETIME) : Instant.ofEpochSecond(expiresAt);
        return new AccessToken(value, expiry);
    }

    private synchronized OidcClient client() {
        if (client == null) {
            try {
                client = clients.newClient(config(grant, clientName, tlsName)).await().atMost(CALL_TIMEOUT);
            } catch (RuntimeException e) {
                String problem = grant.federatedTokenFile()
                        .map(file -> "cannot use the federated token file " + file + " (it must exist and hold an"
                                + " unexpired JWT with an exp claim; check auth.federated-token-file,"
                                + " AZURE_FEDERATED_TOKEN_FILE on AKS)")
                        .orElse("cannot set up the token client for " + grant.tokenUrl() + " (" + messageOf(e) + ")");
                throw new TokenAcquisitionException(grant.name() + ": " + problem + ".", false, e);
            }
        }
        return client;
    }

    private TokenAcquisitionException refused(RuntimeException e) {
        String message = redact(messageOf(e));
        if (e instanceof TimeoutException || messageOf(e).startsWith(UNAVAILABLE)) {
            return new TokenAcquisitionException(grant.name() + ": could not reach the token endpoint "
                    + grant.tokenUrl() + " (" + (message.isEmpty() ? e.getClass().getSimpleName() : message)
                    + "). Check the network path and the token URL.", true, e);
        }
        if (message.contains("client_assertion is missing")) {
            return new TokenAcquisitionException(grant.name() + ": the federated token file "
                    + grant.federatedTokenFile().map(Object::toString).orElse("") + " holds no unexpired JWT with an"
                    + " exp claim. Check auth.federated-token-file (AZURE_FEDERATED_TOKEN_FILE on AKS).", false, e);
        }
        JsonNode body = parse(message);
        String error = body.path("error").asText("");
        if (error.isEmpty()) {
            // Not an OAuth error answer: a gateway page, an empty body. Worth another try.
            return new TokenAcquisitionException(grant.name() + ": the token endpoint " + grant.tokenUrl()
                    + " answered without an OAuth error (" + abbreviate(message) + "). Check the token URL; a"
                    + " gateway error is retried.", true, e);
        }
        String description = body.path("error_description").asText("").lines().findFirst().orElse("");
        boolean transientFailure = error.equals("temporarily_unavailable") || error.equals("server_error");
        LOG.debugf("%s: token endpoint %s refused client %s: %s", grant.name(), grant.tokenUrl(), grant.clientId(),
                error);
        return new TokenAcquisitionException(grant.name() + ": the token endpoint " + grant.tokenUrl()
                + " refused client " + grant.clientId() + " (" + error + ")"
                + (description.isEmpty() ? "" : ": " + description)
                + ". Check the tenant or token URL, the client id, the scope, and that the client secret or federated"
                + " credential is current.", transientFailure, null);
    }

    /** Token endpoints echo requests in their errors: what they answer is scrubbed before anyone sees it. */
    private String redact(String text) {
        String secret = grant.clientSecret().orElse(null);
        return SecretScrubber.of(secret).withBasicPair(grant.clientId(), secret).scrub(text);
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null ? "" : message.strip();
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        if (flat.isEmpty()) {
            return "empty body";
        }
        return flat.length() <= 120 ? flat : flat.substring(0, 120) + "…";
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException | RuntimeException ignored) {
                // closing a web client at shutdown
            }
            client = null;
        }
    }
}
