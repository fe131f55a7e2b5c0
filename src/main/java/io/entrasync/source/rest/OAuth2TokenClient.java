package io.entrasync.source.rest;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OAuth 2.0 client credentials (RFC 6749 section 4.4) for one source. The token is cached until one minute before
 * {@code expires_in} runs out and is never logged.
 */
final class OAuth2TokenClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EARLY_REFRESH = Duration.ofMinutes(1);

    private final String sourceName;
    private final ApiAuth.OAuth2ClientCredentials settings;
    private final HttpFetcher http;
    private String accessToken;
    private Instant refreshAt = Instant.MIN;

    OAuth2TokenClient(String sourceName, ApiAuth.OAuth2ClientCredentials settings, HttpFetcher http) {
        this.sourceName = sourceName;
        this.settings = settings;
        this.http = http;
    }

    synchronized void invalidate() {
        accessToken = null;
    }

    synchronized String token(String what) {
        if (accessToken != null && Instant.now().isBefore(refreshAt)) {
            return accessToken;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        settings.scope().ifPresent(scope -> form.put("scope", scope));
        if (settings.credentialsInBody()) {
            form.put("client_id", settings.clientId());
            form.put("client_secret", settings.clientSecret());
        }
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String context = what + " (access token)";
        HttpFetcher.Fetched response = http.send(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(settings.tokenUrl())
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json");
            if (!settings.credentialsInBody()) {
                String pair = encode(settings.clientId()) + ":" + encode(settings.clientSecret());
                request.header("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
            return request.build();
        }, context, Set.of());
        try {
            if (response.status() / 100 != 2) {
                String error = http.scrub(HttpFetcher.errorBody(response.body()));
                throw new ApiSourceException("source '" + sourceName + "', " + context + ": the token endpoint "
                        + settings.tokenUrl() + " answered HTTP " + response.status()
                        + (error.isEmpty() ? "" : " (" + error + ")")
                        + ". Check the client id, client secret and scope of this source.");
            }
            JsonNode json = JSON.readTree(Files.readAllBytes(response.body()));
            JsonNode token = json.get("access_token");
            if (token == null || token.asText().isEmpty()) {
                throw new ApiSourceException("source '" + sourceName + "', " + context + ": the token endpoint "
                        + settings.tokenUrl() + " answered without an access_token. Check the token URL.");
            }
            long expiresIn = json.path("expires_in").asLong(300);
            accessToken = token.asText();
            Duration lifetime = Duration.ofSeconds(Math.max(0, expiresIn));
            Duration early = lifetime.compareTo(EARLY_REFRESH.multipliedBy(2)) > 0 ? EARLY_REFRESH : lifetime.dividedBy(2);
            refreshAt = Instant.now().plus(lifetime).minus(early);
            return accessToken;
        } catch (IOException e) {
            throw new ApiSourceException("source '" + sourceName + "', " + context + ": the token endpoint "
                    + settings.tokenUrl() + " did not answer JSON. Check the token URL.", e);
        } finally {
            HttpFetcher.deleteQuietly(response.body());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
