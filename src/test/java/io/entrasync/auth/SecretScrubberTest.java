package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;


/** Secrets stay secret (issue 14): the scrubber's rules. A real echoing token endpoint: EchoingTokenEndpointTest. */
class SecretScrubberTest {

    private static final String SECRET = "s3cr3t~Value.With+Special/Chars=";

    @Test
    void configuredSecretsAreRemovedInEveryEncoding() {
        SecretScrubber scrubber = SecretScrubber.of(SECRET).withBasicPair("api-user", SECRET);
        String basic = Base64.getEncoder().encodeToString(("api-user:" + SECRET).getBytes(StandardCharsets.UTF_8));

        String text = scrubber.scrub("raw " + SECRET + ", form " + URLEncoder.encode(SECRET,
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
