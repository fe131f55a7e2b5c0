package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    @Test
    void aSecretEchoedJsonEscapedIsRemovedInTheStylesOfDotNetPhpAndPython() {
        SecretScrubber scrubber = SecretScrubber.of("Winter2026+Sales", "hr/Secret99", "K\u00f6nig\"42");

        String text = scrubber.scrub("{\"error\":\"bad password Winter2026\\u002BSales\"} "
                + "{\"error\":\"bad password Winter2026\\u002bSales\"} "
                + "{\"msg\":\"login failed for hr\\/Secret99\"} "
                + "{'detail': \"password K\\u00f6nig\\\"42 refused\"} "
                + "nested {\"inner\":\"{\\\"pw\\\":\\\"Winter2026\\\\u002BSales\\\"}\"}");

        assertThat(text).doesNotContain("Winter2026").doesNotContain("Secret99").doesNotContain("nig")
                .contains("bad password ***\"}", "login failed for ***\"}", "password *** refused");
    }

    @Test
    void aSecretEchoedHtmlEscapedOrPercentEncodedInAnyCaseIsRemoved() {
        SecretScrubber scrubber = SecretScrubber.of("Winter2026+Sales", "K\u00f6nig\"42");

        String text = scrubber.scrub("<p>Winter2026&#43;Sales</p> <p>Winter2026&#x2b;Sales</p>"
                + " <p>Winter2026&#X002B;Sales</p> <p>Winter2026&plus;Sales</p> <p>K&ouml;nig&quot;42</p>"
                + " <p>K&#246;nig&#34;42</p> form Winter2026%2bSales and K%C3%B6nig%2242");

        assertThat(text).doesNotContain("Winter2026").doesNotContain("nig")
                .isEqualTo("<p>***</p> <p>***</p> <p>***</p> <p>***</p> <p>***</p> <p>***</p> form *** and ***");
    }

    @Test
    void userInfoInUrlsIsMaskedWhateverTheSecretIs() {
        String text = SecretScrubber.PATTERNS.scrub("GET http://hruser:Url-Pass-7@hr.example:8080/api/v1?x=1"
                + " answered 401; see https://ann@example.com/docs, mail ann@example.com, json \"http:\\/\\/"
                + "svc:p%40ss@hr.example\\/x\"");

        assertThat(text).doesNotContain("Url-Pass-7").doesNotContain("hruser").doesNotContain("p%40ss")
                .contains("GET http://***@hr.example:8080/api/v1?x=1", "https://***@example.com/docs",
                        "mail ann@example.com", "http:\\/\\/***@hr.example");
    }

    @Test
    void aLongRunOfBackslashesInAHostileBodyIsScrubbedInLinearTime() {
        // A server may answer megabytes; with an unbounded backslash run in the secret's pattern this body took
        // minutes (quadratic backtracking at every position). The guard is generous: the scrub takes milliseconds.
        SecretScrubber scrubber = SecretScrubber.of("Winter2026+Sales");
        String body = "\\".repeat(300_000) + "Winter2026\\\\u002BSales";

        String text = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> scrubber.scrub(body));

        assertThat(text).doesNotContain("Winter2026").endsWith(SecretScrubber.MASK);
    }
}
