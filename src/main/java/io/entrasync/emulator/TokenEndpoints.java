package io.entrasync.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Token endpoints for the client code paths:
 * <ul>
 *   <li>{@code POST /{tenant}/oauth2/v2.0/token}: OAuth 2.0 client credentials (form: grant_type=client_credentials,
 *       client_id, scope ending in /.default, client_secret or client_assertion + client_assertion_type).</li>
 *   <li>{@code GET /msi/token?resource=...&api-version=2019-08-01[&client_id=...]} with header
 *       {@code X-IDENTITY-HEADER}: the App Service / Azure Functions managed identity protocol (the
 *       {@code IDENTITY_ENDPOINT} + {@code IDENTITY_HEADER} pair that azure-identity / MSAL4J use).</li>
 * </ul>
 */
final class TokenEndpoints {
    static final String MSI_API_VERSION = "2019-08-01";
    static final String DEFAULT_MANAGED_IDENTITY_CLIENT_ID = "3b9c1e0a-5d4f-4e2b-8a7c-6f5e4d3c2b1a";

    private final ProvisioningEmulator emu;

    TokenEndpoints(ProvisioningEmulator emu) {
        this.emu = emu;
    }

    void clientCredentials(Exchange ex, String tenant) throws IOException {
        if (!ex.method().equals("POST")) {
            oauthError(ex, 405, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests.");
            return;
        }
        String contentType = ex.header("Content-Type");
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            oauthError(ex, 400, "invalid_request",
                    "AADSTS900144: The request body must be application/x-www-form-urlencoded.");
            return;
        }
        Map<String, String> form;
        try {
            form = Exchange.decodeForm(new String(ex.body(), StandardCharsets.UTF_8));
        } catch (EmulatorException e) {
            oauthError(ex, 400, "invalid_request", "AADSTS90014: " + e.getMessage());
            return;
        }
        for (String required : new String[] {"grant_type", "client_id", "scope"}) {
            if (form.getOrDefault(required, "").isBlank()) {
                oauthError(ex, 400, "invalid_request",
                        "AADSTS900144: The request body must contain the following parameter: '" + required + "'.");
                return;
            }
        }
        if (!form.get("grant_type").equals("client_credentials")) {
            oauthError(ex, 400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type '"
                    + form.get("grant_type") + "'; the emulator supports client_credentials.");
            return;
        }
        String scope = form.get("scope");
        if (!scope.endsWith("/.default")) {
            oauthError(ex, 400, "invalid_scope", "AADSTS1002012: The provided value for scope " + scope
                    + " is not valid. Client credential flows must have a scope value with /.default suffixed to the"
                    + " resource identifier.");
            return;
        }
        String secret = form.get("client_secret");
        String assertion = form.get("client_assertion");
        if ((secret == null || secret.isBlank()) && (assertion == null || assertion.isBlank())) {
            oauthError(ex, 401, "invalid_client",
                    "AADSTS7000215: The request body must contain 'client_secret' or 'client_assertion'.");
            return;
        }
        if (assertion != null && !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                .equals(form.get("client_assertion_type"))) {
            oauthError(ex, 400, "invalid_request", "AADSTS50027: client_assertion_type must be"
                    + " urn:ietf:params:oauth:client-assertion-type:jwt-bearer.");
            return;
        }
        String required = emu.settings().clientSecret();
        if (required != null && secret != null && !required.equals(secret)) {
            oauthError(ex, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
            return;
        }
        EmulatorSettings s = emu.settings();
        TokenIssuer.IssuedToken token = emu.tokens.issue(emu.clock.instant(), s.tokenLifetime(),
                scope.substring(0, scope.length() - "/.default".length()));
        ObjectNode o = emu.mapper.createObjectNode();
        o.put("token_type", "Bearer");
        o.put("expires_in", s.tokenLifetime().toSeconds());
        o.put("ext_expires_in", s.tokenLifetime().toSeconds());
        o.put("access_token", token.accessToken());
        ex.sendJson(200, o);
    }

    void managedIdentity(Exchange ex) throws IOException {
        if (!ex.method().equals("GET")) {
            msiError(ex, 405, "Only GET is supported.");
            return;
        }
        EmulatorSettings s = emu.settings();
        String header = ex.header("X-IDENTITY-HEADER");
        if (header == null || !header.equals(s.identityHeader())) {
            msiError(ex, 401, header == null ? "The X-IDENTITY-HEADER header is missing."
                    : "The X-IDENTITY-HEADER value does not match IDENTITY_HEADER.");
            return;
        }
        Map<String, String> query;
        try {
            query = ex.query();
        } catch (EmulatorException e) {
            msiError(ex, 400, e.getMessage());
            return;
        }
        if (!MSI_API_VERSION.equals(query.get("api-version"))) {
            msiError(ex, 400, "api-version must be " + MSI_API_VERSION + ", got " + query.get("api-version") + ".");
            return;
        }
        String resource = query.get("resource");
        if (resource == null || resource.isBlank()) {
            msiError(ex, 400, "The 'resource' query parameter is required, e.g. resource=https://graph.microsoft.com.");
            return;
        }
        Instant now = emu.clock.instant();
        TokenIssuer.IssuedToken token = emu.tokens.issue(now, s.tokenLifetime(), resource);
        ObjectNode o = emu.mapper.createObjectNode();
        o.put("access_token", token.accessToken());
        o.put("expires_on", Long.toString(token.expiresAt().getEpochSecond()));
        o.put("resource", resource);
        o.put("token_type", "Bearer");
        o.put("client_id", query.getOrDefault("client_id", DEFAULT_MANAGED_IDENTITY_CLIENT_ID));
        ex.sendJson(200, o);
    }

    private void oauthError(Exchange ex, int status, String error, String description) throws IOException {
        ObjectNode o = emu.mapper.createObjectNode();
        o.put("error", error);
        o.put("error_description", description);
        o.put("timestamp", Instant.now().toString());
        o.put("trace_id", ex.requestId);
        o.put("correlation_id", UUID.randomUUID().toString());
        ex.sendJson(status, o);
    }

    private void msiError(Exchange ex, int status, String message) throws IOException {
        ObjectNode o = emu.mapper.createObjectNode();
        o.put("statusCode", status);
        o.put("message", message);
        o.put("correlationId", ex.requestId);
        ex.sendJson(status, o);
    }
}
