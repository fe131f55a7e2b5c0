package io.entrasync.source.rest;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.auth.ClientCredentialsGrant;
import io.entrasync.auth.SecretScrubber;

/**
 * How a REST source authenticates. Secrets never appear in {@code toString()}, so settings can be logged.
 */
public sealed interface ApiAuth {

    /**
     * Scrubs this auth's secrets (and, by pattern, any other credential) from text an HR API, its token endpoint or
     * an exception answered, before it is logged, stored or raised (issue 14's {@link SecretScrubber}).
     */
    default SecretScrubber scrubber() {
        if (this instanceof Basic basic) {
            // The user name too: BambooHR's user name is the API key (its password is any text).
            return SecretScrubber.of(basic.username(), basic.password()).withBasicPair(basic.username(),
                    basic.password());
        }
        if (this instanceof ApiKey key) {
            return SecretScrubber.of(key.value());
        }
        if (this instanceof OAuth2ClientCredentials oauth) {
            return SecretScrubber.of(oauth.clientSecret()).withBasicPair(oauth.clientId(), oauth.clientSecret());
        }
        return SecretScrubber.PATTERNS;
    }

    /**
     * Signs one request in: adds this auth's header.
     *
     * @param tokens the source's OAuth 2.0 tokens; only {@link OAuth2ClientCredentials} uses them (a token that cannot
     *               be had throws {@link io.entrasync.auth.TokenAcquisitionException})
     */
    void signIn(HttpRequest.Builder request, AccessTokenProvider tokens);

    /** No authentication (a test stub or a network-protected endpoint). */
    record None() implements ApiAuth {
        @Override
        public void signIn(HttpRequest.Builder request, AccessTokenProvider tokens) {
            // nothing to add
        }
    }

    /** HTTP basic. BambooHR uses the API key as user name and any text (conventionally {@code x}) as password. */
    record Basic(String username, String password) implements ApiAuth {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public void signIn(HttpRequest.Builder request, AccessTokenProvider tokens) {
            String pair = username + ":" + password;
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=***]";
        }
    }

    /**
     * A fixed header, e.g. {@code Authorization: Bearer <token>} for a SCIM source, or {@code X-API-Key: <key>}.
     *
     * @param prefix written before the value, e.g. {@code "Bearer "}; empty for none
     */
    record ApiKey(String header, String prefix, String value) implements ApiAuth {
        public ApiKey {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public void signIn(HttpRequest.Builder request, AccessTokenProvider tokens) {
            request.header(header, prefix + value);
        }

        @Override
        public String toString() {
            return "ApiKey[header=" + header + ", prefix=" + prefix + ", value=***]";
        }
    }

    /**
     * OAuth 2.0 client credentials grant (RFC 6749 section 4.4): a bearer token from {@code tokenUrl}, cached until
     * shortly before it expires and fetched again once when the API answers 401.
     *
     * @param credentialsInBody {@code true} sends client_id/client_secret as form fields (Personio, Entra ID);
     *                          {@code false} sends them as an HTTP basic header (RFC 6749 section 2.3.1)
     */
    record OAuth2ClientCredentials(URI tokenUrl, String clientId, String clientSecret, Optional<String> scope,
                                   boolean credentialsInBody) implements ApiAuth {
        /** Checked by {@link ClientCredentialsGrant}, the one home of the client-credentials rules. */
        public OAuth2ClientCredentials {
            Objects.requireNonNull(clientSecret, "clientSecret");
            new ClientCredentialsGrant("access token", tokenUrl, clientId, Optional.of(clientSecret),
                    Optional.empty(), scope, credentialsInBody);
        }

        @Override
        public void signIn(HttpRequest.Builder request, AccessTokenProvider tokens) {
            request.header("Authorization", "Bearer " + tokens.accessToken());
        }

        /** The grant the app's one token client (quarkus-oidc-client) sends for this source. */
        public ClientCredentialsGrant grant() {
            return new ClientCredentialsGrant("access token", tokenUrl, clientId, Optional.of(clientSecret),
                    Optional.empty(), scope, credentialsInBody);
        }

        @Override
        public String toString() {
            return "OAuth2ClientCredentials[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=***, "
                    + "scope=" + scope.orElse("") + ", credentialsInBody=" + credentialsInBody + "]";
        }
    }
}
