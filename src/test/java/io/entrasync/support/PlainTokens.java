package io.entrasync.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.auth.AccessToken;
import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.auth.AuthSettings;
import io.entrasync.auth.CachingTokenProvider;

/**
 * Client-secret tokens for plain (non-Quarkus) tests whose subject is not the token client: the app's token client is
 * quarkus-oidc-client, which needs a running Quarkus. The tokens still come from the emulator's real token endpoint;
 * {@code TokenProvidersEmulatorTest} and {@code UploadAuthAndPermissionTest} test the app's own client.
 */
public final class PlainTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PlainTokens() {
    }

    public static Function<AuthSettings, AccessTokenProvider> clientSecret() {
        return auth -> new CachingTokenProvider(() -> fetch(auth));
    }

    private static AccessToken fetch(AuthSettings auth) {
        String form = "grant_type=client_credentials&client_id=" + encode(auth.clientId().orElseThrow())
                + "&client_secret=" + encode(auth.clientSecret().orElseThrow()) + "&scope=" + encode(auth.scope());
        HttpRequest request = HttpRequest.newBuilder(URI.create(auth.resolvedTokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            JsonNode json = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
            return new AccessToken(json.path("access_token").asText(),
                    Instant.now().plusSeconds(json.path("expires_in").asLong(300)));
        } catch (IOException e) {
            throw new IllegalStateException("test token endpoint unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
