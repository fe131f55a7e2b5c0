package io.entrasync.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OAuth 2.0 client-credentials grant against an Entra token endpoint (or the emulator's
 * {@code /{tenant}/oauth2/v2.0/token}), with a client secret or a federated token file as client assertion.
 *
 * <p>Plain HTTP on purpose: it needs no CDI, so the same code runs in the Functions host, in the CLI with per-source
 * settings given on the command line, and in plain tests; quarkus-oidc-client's clients are configured statically
 * per name, and MSAL (behind azure-identity's credentials) refuses an {@code http://} authority such as the emulator.
 */
public final class ClientCredentialsTokenSource implements TokenSource {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final URI tokenUrl;
    private final String clientId;
    private final String scope;
    private final String clientSecret;
    private final Path federatedTokenFile;
    private final SecretScrubber scrubber;

    public ClientCredentialsTokenSource(AuthSettings settings, HttpClient http, ObjectMapper mapper) {
        this(settings, http, mapper, Clock.systemUTC());
    }

    ClientCredentialsTokenSource(AuthSettings settings, HttpClient http, ObjectMapper mapper, Clock clock) {
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
        this.tokenUrl = URI.create(settings.resolvedTokenUrl());
        this.clientId = settings.clientId().orElseThrow(() -> new IllegalArgumentException(
                "client-credentials needs the app registration's client id (auth.client-id / --client-id)"));
        this.scope = settings.scope();
        this.clientSecret = settings.clientSecret().orElse(null);
        this.federatedTokenFile = settings.federatedTokenFile().orElse(null);
        this.scrubber = SecretScrubber.of(clientSecret);
        if ((clientSecret == null) == (federatedTokenFile == null)) {
            throw new IllegalArgumentException("client-credentials needs exactly one of a client secret "
                    + "(auth.client-secret / --client-secret) or a federated token file (auth.federated-token-file)");
        }
    }

    @Override
    public AccessToken fetch() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("scope", scope);
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        } else {
            form.put("client_assertion_type", JWT_BEARER);
            form.put("client_assertion", readAssertion());
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenAcquisitionException(scrubber.scrub("Could not reach the token endpoint " + tokenUrl + ": "
                    + e), true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenAcquisitionException("Interrupted while fetching a token from " + tokenUrl, false, e);
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() != 200 || !json.path("access_token").isTextual()) {
            String error = json.path("error").asText("");
            String description = json.path("error_description").asText("").lines().findFirst().orElse("");
            boolean transientFailure = response.statusCode() == 429 || response.statusCode() >= 500;
            // Token endpoints echo requests in their errors: what they answer is scrubbed before anyone sees it.
            throw new TokenAcquisitionException(scrubber.scrub("The token endpoint " + tokenUrl + " refused client "
                    + clientId + " (HTTP " + response.statusCode() + (error.isEmpty() ? "" : ", " + error) + ")"
                    + (description.isEmpty() ? "" : ": " + description))
                    + ". Check the tenant, the client id and that the client secret or federated credential is current.",
                    transientFailure, null);
        }
        long expiresIn = json.path("expires_in").asLong(3600);
        return new AccessToken(json.get("access_token").asText(), clock.instant().plusSeconds(expiresIn));
    }

    private String readAssertion() {
        try {
            return Files.readString(federatedTokenFile).trim();
        } catch (IOException e) {
            throw new TokenAcquisitionException("Cannot read the federated token file " + federatedTokenFile + ": "
                    + e.getMessage() + ". Check auth.federated-token-file (AZURE_FEDERATED_TOKEN_FILE on AKS).", false, e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return mapper.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }
}
