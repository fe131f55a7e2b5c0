package io.entrasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.support.AzuriteResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/**
 * {@code upload} end to end: Microsoft's 1000-record sample → extract pipeline → engine → emulator (tokens checked).
 */
@QuarkusTest
@QuarkusTestResource(AzuriteResource.class)
class UploadCommandTest {

    private static final String SAMPLE = "samples/extracts/csv-with-1000-records.csv";
    private static final String MAPPING = "samples/mappings/microsoft-sample.yaml";

    @Inject
    CommandLine.IFactory factory;

    private ProvisioningEmulator emu;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        emu = ProvisioningEmulator.start(EmulatorSettings.fast().withCheckTokens(true).withClientSecret("s3cret"));
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(EntraInboundSyncCommand.class, factory);
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private String[] uploadArgs(String secret) {
        return new String[] {"upload", "--mapping", MAPPING, "--file", SAMPLE, "--source", "cli-test",
                "--graph-url", emu.baseUrl(), "--service-principal-id", emu.defaultJob().servicePrincipalId(),
                "--job-id", emu.defaultJob().jobId(), "--auth", "client-credentials", "--token-url",
                emu.tokenEndpoint(), "--client-id", "cli-test-client", "--client-secret", secret};
    }

    @Test
    void sendsEveryValidRecordOfTheSampleAndSummarises() throws Exception {
        int exit = run(uploadArgs("s3cret"));

        String summary = out.toString();
        assertThat(exit).as(err.toString()).isEqualTo(UploadCommand.SOME_NOT_ACCEPTED);
        assertThat(summary).contains("1000 records read");
        var records = Pattern.compile("Records: 1000 read, (\\d+) rejected, (\\d+) sent, 0 refused by"
                + " the service, 0 not sent").matcher(summary);
        assertThat(records.find()).as(summary).isTrue();
        int rejected = Integer.parseInt(records.group(1));
        int sent = Integer.parseInt(records.group(2));
        assertThat(rejected + sent).isEqualTo(1000);
        assertThat(rejected).isPositive();
        int calls = (sent + 49) / 50;
        assertThat(summary).contains("Calls: " + calls + " (" + calls + " accepted, " + (sent / 50)
                + " with 50 operations), 0 retries, 0 throttled (429)");
        assertThat(summary).containsPattern("Daily quota: " + calls + " of 2000 calls used in the last 24 h");
        assertThat(summary).containsPattern("Elapsed: [0-9.]+ s \\(upload [0-9.]+ s\\)");
        assertThat(err.toString()).contains("rejected: ").doesNotContain("s3cret");
        emu.awaitIdle(Duration.ofSeconds(30));
        assertThat(emu.users()).hasSize(sent);
        assertThat(emu.stats().calls().accepted()).isEqualTo(calls);
    }

    @Test
    void aRerunOfAnInterruptedUploadSendsExactlyTheCallsNotYetAcceptedAndSaysItResumed() throws Exception {
        // Answers take 40-80 ms, so several calls are in flight when the service starts refusing (a Retry-After of
        // two minutes, beyond the retry limit: the upload stops at once, like an outage or a kill).
        Duration retryAfter = emu.settings().injectedRetryAfter();
        emu.updateSettings(s -> s.withLatency(Duration.ofMillis(40), Duration.ofMillis(80)));
        Thread outage = new Thread(() -> {
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> emu.stats().calls().accepted() >= 4);
            emu.updateSettings(s -> s.withInjectedRetryAfter(Duration.ofMinutes(2)).withFaults(1, 0, 0, 0));
        });
        outage.start();
        int first = run(uploadArgs("s3cret"));
        outage.join();
        String firstSummary = out.toString();
        long acceptedFirst = emu.stats().calls().accepted();
        assertThat(first).as(err.toString()).isEqualTo(UploadCommand.STOPPED_EARLY);
        assertThat(firstSummary).contains("run the same command again").doesNotContain("Resumed");
        int sentFirst = sent(firstSummary);

        emu.updateSettings(s -> s.withFaults(0, 0, 0, 0).withInjectedRetryAfter(retryAfter));
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        int second = run(uploadArgs("s3cret"));

        String summary = out.toString();
        assertThat(second).as(err.toString()).isEqualTo(UploadCommand.SOME_NOT_ACCEPTED);
        int sentSecond = sent(summary);
        int totalCalls = (sentFirst + sentSecond + 49) / 50;
        long acceptedSecond = emu.stats().calls().accepted() - acceptedFirst;
        assertThat(summary).contains("Resumed: " + acceptedFirst + " of " + totalCalls + " calls were done by an"
                + " earlier run (" + acceptedFirst + " accepted, 0 refused)");
        assertThat(summary).contains(", " + sentFirst + " sent or refused by the interrupted run");
        assertThat(acceptedSecond).as("the rerun sends exactly the other calls").isEqualTo(totalCalls - acceptedFirst);
        assertThat(err.toString()).contains("Resuming an interrupted upload");
        emu.awaitIdle(Duration.ofSeconds(30));
        assertThat(emu.users()).hasSize(sentFirst + sentSecond);

        // Completed: the checkpoint is gone, so running the command again sends everything again.
        out.getBuffer().setLength(0);
        assertThat(run(uploadArgs("s3cret"))).isEqualTo(UploadCommand.SOME_NOT_ACCEPTED);
        assertThat(out.toString()).doesNotContain("Resumed");
        assertThat(sent(out.toString())).isEqualTo(sentFirst + sentSecond);
    }

    private static int sent(String summary) {
        var records = Pattern.compile("Records: \\d+ read, \\d+ rejected, (\\d+) sent").matcher(summary);
        assertThat(records.find()).as(summary).isTrue();
        return Integer.parseInt(records.group(1));
    }

    @Test
    void aRefusedSecretStopsBeforeSendingAndSaysWhy() {
        int exit = run(uploadArgs("not-the-secret"));

        assertThat(exit).isEqualTo(UploadCommand.STOPPED_EARLY);
        assertThat(err.toString()).contains("invalid_client").contains("cli-test-client")
                .doesNotContain("not-the-secret");
        assertThat(out.toString()).contains("0 sent").contains("Stopped before call 1");
        assertThat(emu.stats().calls().accepted()).isZero();
    }

    @Test
    void aMissingJobIdIsAUsageErrorNamingTheFlag() {
        int exit = run("upload", "--mapping", MAPPING, "--file", SAMPLE, "--source", "cli-test", "--graph-url",
                emu.baseUrl(), "--service-principal-id", "sp");

        assertThat(exit).isEqualTo(UploadCommand.UNUSABLE);
        assertThat(err.toString()).contains("--job-id").contains("sync.sources.cli-test.graph");
    }
}
