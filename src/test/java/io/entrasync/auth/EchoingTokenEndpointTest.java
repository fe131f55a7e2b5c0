package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Secrets stay secret (issue 14) through the app's one token client (quarkus-oidc-client): a token endpoint that
 * echoes the request in its error text does not put the client secret into the message.
 */
@QuarkusTest
class EchoingTokenEndpointTest {

    private static final String SECRET = "s3cr3t~Value.With+Special/Chars=";

    @Inject
    ClientCredentialsTokens tokens;

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
            AccessTokenProvider provider = tokens.provider(
                    ClientCredentialsGrant.forGraph(AuthSettings.clientSecret(url, "app-client-id", SECRET)));

            TokenAcquisitionException failure = catchThrowableOfType(TokenAcquisitionException.class,
                    provider::accessToken);

            assertThat(failure.getMessage()).contains("invalid_client").contains("AADSTS7000215")
                    .doesNotContain(SECRET).doesNotContain(URLEncoder.encode(SECRET, StandardCharsets.UTF_8))
                    .contains("client_secret=" + SecretScrubber.MASK);
        } finally {
            echo.stop(0);
        }
    }

}
