package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** Secrets stay secret (issue 14): what a token endpoint or an HR API answers is scrubbed before anyone sees it. */
class SecretScrubberTest {

    private static final String SECRET = "s3cr3t~Value.With+Special/Chars=";

    @Test
    void aTokenEndpointThatEchoesTheRequestDoesNotLeakTheClientSecret() throws IOException {
        // Like a misconfigured proxy or identity provider: the error text repeats the whole form it received.
        HttpServer echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echo.createContext("/tenant/oauth2/v2.0/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String decoded = URLDecoder.decode(form, StandardCharsets.UTF_8);
            byte[] body = ("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client "
                    + "secret provided. Request was: " + form + " (decoded: " + decoded.replace("\"", "'") + ")\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echo.start();
        try {
            String url = "http://127.0.0.1:" + echo.getAddress().getPort() + "/tenant/oauth2/v2.0/token";
            ClientCredentialsTokenSource source = new ClientCredentialsTokenSource(
                    AuthSettings.clientSecret(url, "app-client-id", SECRET), HttpClient.newHttpClient(),
                    new ObjectMapper());

            TokenAcquisitionException failure = catchThrowableOfType(TokenAcquisitionException.class, source::fetch);

            assertThat(failure.getMessage()).contains("HTTP 401").contains("invalid_client").contains("AADSTS7000215")
                    .doesNotContain(SECRET).doesNotContain(java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8))
                    .contains("client_secret=" + SecretScrubber.MASK);
        } finally {
            echo.stop(0);
        }
    }

    @Test
    void configuredSecretsAreRemovedInEveryEncoding() {
        SecretScrubber scrubber = SecretScrubber.of(SECRET).withBasicPair("api-user", SECRET);
        String basic = Base64.getEncoder().encodeToString(("api-user:" + SECRET).getBytes(StandardCharsets.UTF_8));

        String text = scrubber.scrub("raw " + SECRET + ", form " + java.net.URLEncoder.encode(SECRET,
                StandardCharsets.UTF_8) + ", header Authorization: Basic " + basic + ", b64 "
                + Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));

        assertThat(text).doesNotContain(SECRET).doesNotContain(basic).doesNotContain("s3cr3t");
    }

    @Test
    void secretLookingParametersFieldsAndTokensAreMaskedWithoutKnowingTheSecret() {
        String text = SecretScrubber.PATTERNS.scrub("GET https://hr.example/api?company=acme&api_key=abc123XYZ"
                + "&password=hunter22 failed; body {\"access_token\": \"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig\","
                + " \"client_secret\":\"topsecret\", \"user\": \"ann\"} Authorization: Bearer abcdefghijklmnop");

        assertThat(text).contains("company=acme").contains("api_key=***").contains("password=***")
                .contains("\"client_secret\":\"***\"").contains("\"user\": \"ann\"").contains("Bearer ***")
                .doesNotContain("abc123XYZ").doesNotContain("hunter22").doesNotContain("topsecret")
                .doesNotContain("eyJhbGciOiJIUzI1NiJ9").doesNotContain("abcdefghijklmnop");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "The token endpoint refused client app-client-id (HTTP 401, invalid_client): key rotated.";

        assertThat(SecretScrubber.of("x", "", null).scrub(text)).isEqualTo(text);
    }
}
