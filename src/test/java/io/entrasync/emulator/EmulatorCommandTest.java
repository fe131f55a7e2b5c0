package io.entrasync.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.entrasync.cli.EmulatorCommand;
import io.entrasync.cli.EntraInboundSyncCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code emulator} CLI command: starts, prints where it listens, serves, stops. Plain picocli, no Quarkus. */
class EmulatorCommandTest {

    @Test
    void startsWithTheGivenJobsAndSettingsServesThemAndStops() throws Exception {
        EmulatorCommand command = new EmulatorCommand();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("--port", "0",
                "--job", "sp-1/API2AAD.abc.1", "--job", "sp-2/API2AAD.def.2", "--log-delay", "0", "--processing-delay",
                "250ms",
                "--daily-quota", "6000", "--calls-per-window", "10", "--window", "1s", "--check-tokens",
                "--token-lifetime", "10m"));
        Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
        await().atMost(Duration.ofSeconds(20)).until(() -> listening.matcher(out.toString()).find());
        Matcher m = listening.matcher(out.toString());
        assertThat(m.find()).isTrue();
        String baseUrl = m.group(1);
        try {
            assertThat(out.toString()).contains("sp-1/API2AAD.abc.1", "sp-2/API2AAD.def.2", "IDENTITY_ENDPOINT="
                    + baseUrl + "/msi/token");
            given().baseUri(baseUrl).get("/_emulator/jobs").then().statusCode(200)
                    .body("", hasSize(2)).body("[1].jobId", equalTo("API2AAD.def.2"));
            given().baseUri(baseUrl).get("/_emulator/settings").then().statusCode(200)
                    .body("processingDelay", equalTo("250ms")).body("dailyQuota", equalTo(6000))
                    .body("callsPerWindow", equalTo(10)).body("callWindow", equalTo("1s"))
                    .body("checkTokens", equalTo(true)).body("tokenLifetime", equalTo("10m"));
        } finally {
            command.stop();
        }
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void theTopCommandListsIt() {
        CommandLine top = new CommandLine(EntraInboundSyncCommand.class);
        assertThat(top.getSubcommands()).containsKey("emulator");
    }

    @Test
    void aMalformedJobIsAUsageError() {
        CommandLine cli = new CommandLine(new EmulatorCommand());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("--port", "0", "--job", "no-slash")).isEqualTo(2);
        assertThat(err.toString()).contains("<servicePrincipalId>/<jobId>");
    }
}
