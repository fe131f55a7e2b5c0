package io.entrasync.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.entrasync.cli.EntraInboundSyncCommand;
import io.entrasync.state.StateStore;
import io.entrasync.support.AzuriteResource;
import io.entrasync.support.CapturedLogs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/**
 * Issue 29: an HR API that answers 401 echoing the password JSON-escaped (.NET's <code>&#92;u002B</code>, PHP's
 * {@code \/}, Python's {@code \"} and <code>&#92;u00f6</code>), with a terminal escape sequence, through {@code sync}:
 * what stdout, stderr, the log, the source's {@code watermark.json} in the state container (Azurite) and
 * {@code status} show holds no password, no base-URL user-info and no raw control character.
 */
@QuarkusTest
@QuarkusTestResource(value = AzuriteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = EchoingHrApiResource.class, restrictToAnnotatedClass = true)
class EchoedSecretsTest {

    private static final String ESC_TITLE = "\u001b]0;HR API owned you\u0007";

    @Inject
    CommandLine.IFactory factory;

    @Inject
    StateStore state;

    @AfterEach
    void resetStub() {
        ApiSourceResource.api.server.resetAll();
    }

    @Test
    void aPasswordEchoedAsDotNetEscapesItIsInNoOutputNoStateBlobAndNoStatus() {
        answer401("{\"error\":\"invalid credentials for sfapi@ACME, password Winter2026\\u002BSales\","
                + "\"detail\":\"" + ESC_TITLE + "\"}");

        String seen = syncAndStatus("sf");

        assertThat(seen).contains("HTTP 401", "***").doesNotContain("Winter2026").doesNotContain("Sales\"")
                .doesNotContain(EchoingHrApiResource.URL_PASSWORD).doesNotContain("hruser")
                .doesNotContain("\u001b").doesNotContain("\u0007").contains("\\u001B]0;HR API owned you\\u0007");
    }

    @Test
    void aPasswordEchoedAsPhpEscapesItIsInNoOutputNoStateBlobAndNoStatus() {
        answer401("{\"message\":\"login failed: user sfapi@ACME password hr\\/Secret99\"}");

        String seen = syncAndStatus("php");

        assertThat(seen).contains("HTTP 401", "password ***").doesNotContain("Secret99");
    }

    @Test
    void aPasswordEchoedAsPythonEscapesItIsInNoOutputNoStateBlobAndNoStatus() {
        answer401("{\"detail\": \"bad password K\\u00f6\\\"nig-42 for sfapi@ACME\"}");

        String seen = syncAndStatus("py");

        assertThat(seen).contains("HTTP 401", "bad password ***").doesNotContain("nig-42");
    }

    private static void answer401(String body) {
        ApiSourceResource.api.server.stubFor(get(urlPathEqualTo(SuccessFactorsStub.PATH)).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** Everything a person or a log gets from a failed sync of {@code source}, then {@code status}. */
    private String syncAndStatus(String source) {
        StringBuilder seen = new StringBuilder();
        try (CapturedLogs logs = CapturedLogs.capture()) {
            int exit = run(seen, "sync", "--source", source);
            assertThat(exit).as(seen.toString()).isNotZero();
            String watermark = state.read(source + "/watermark.json")
                    .map(blob -> new String(blob.content(), StandardCharsets.UTF_8)).orElseThrow();
            assertThat(watermark).as("watermark.json").contains("lastError", "HTTP 401");
            seen.append("\n[watermark.json] ").append(watermark);
            assertThat(run(seen, "status", "--source", source)).as(seen.toString()).isZero();
            logs.lines().forEach(line -> seen.append("\n[log] ").append(line));
        }
        return seen.toString();
    }

    private int run(StringBuilder seen, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(EntraInboundSyncCommand.class, factory);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        seen.append("\n[").append(String.join(" ", args)).append(" stdout] ").append(out)
                .append("\n[stderr] ").append(err);
        return exit;
    }
}
