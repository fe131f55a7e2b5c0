package io.entrasync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.microsoft.azure.functions.ExecutionContext;

import io.entrasync.cli.EntraInboundSyncCommand;
import io.entrasync.config.SyncConfig;
import io.entrasync.functions.ReconcileFunction;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.support.TestExecutionContext;
import io.entrasync.support.AzuriteResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/** The doors wired from {@code sync.*}: the reconcile and status commands, the timer function, the meters. */
@QuarkusTest
@QuarkusTestResource(value = AzuriteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = EmulatorSourceResource.class, restrictToAnnotatedClass = true)
class ReconcileDoorsTest {

    @Inject
    CommandLine.IFactory factory;

    @Inject
    InboundFileProcessor processor;

    @Inject
    BlobServiceClient blobs;

    @Inject
    SyncConfig config;

    @Inject
    ReconcileFunction function;

    @Inject
    MeterRegistry meters;

    @Test
    void droppedExtractsAreReconciledByTheTimerFunctionAndTheCommands() throws Exception {
        assertThat(processor.waiting()).isEmpty(); // creates the containers
        // Without a registry extension the app's registry is an empty composite (as in Azure until Application
        // Insights' agent adds its own): give it one that keeps values.
        assertThat(meters).isInstanceOf(CompositeMeterRegistry.class);
        // The app's registry is Micrometer's global one: what the Application Insights Java agent collects.
        assertThat(meters).isSameAs(Metrics.globalRegistry);
        ((CompositeMeterRegistry) meters).add(new SimpleMeterRegistry());
        StringWriter before = new StringWriter();
        int statusBefore = command(before, "status", "--source", "hr");
        FileRunResult first = dropAndProcess("day1.csv", ReconcileFixture.worker("700", "u700", ""),
                ReconcileFixture.worker("701", "u701", "700"));

        // The timer function: one pass over every source per run. A create whose manager was skipped is held for one
        // more pass (at least 10 s) in case its follow-up is not visible yet, so it may take a later timer run.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).pollInSameThread()
                .untilAsserted(() -> {
            function.run("{}", context());
            assertThat(results(first)).contains("700,created,").contains("701,created,");
        });
        FileRunResult second = dropAndProcess("day2.csv", ReconcileFixture.worker("702", "u702", "700"));
        StringWriter reconcile = new StringWriter();
        int exit = command(reconcile, "reconcile", "--source", "hr", "--wait", "30s");
        StringWriter status = new StringWriter();
        int statusExit = command(status, "status", "--source", "hr");

        assertThat(statusBefore).isZero();
        assertThat(before.toString()).contains("Source hr: last 0 run(s)");
        assertThat(exit).as(reconcile.toString()).isZero();
        assertThat(reconcile.toString()).contains("hr: complete", "created 1");
        assertThat(results(second)).contains("702,created,");
        assertThat(statusExit).isZero();
        assertThat(status.toString()).contains("last 2 run(s)", runId(first), runId(second), "complete",
                "No open failures.");
        assertThat(meters.get("entrasync.records").tag("source", "hr").tag("outcome", "created").counter().count())
                .isEqualTo(3);
        assertThat(meters.get("entrasync.runs").tag("source", "hr").tag("status", "completed").counter().count())
                .isEqualTo(2);

        Path page = Files.createTempDirectory("status-").resolve("hr.html");
        StringWriter html = new StringWriter();
        int htmlExit = command(html, "status", "--source", "hr", "--html", page.toString());
        assertThat(htmlExit).as(html.toString()).isZero();
        Document statusPage = Jsoup.parse(page.toFile());
        assertThat(statusPage.select("#runs tr.run").eachAttr("data-run")).containsExactly(runId(second), runId(first));
        assertThat(statusPage.select("#no-failures")).hasSize(1);
    }

    private FileRunResult dropAndProcess(String name, String... rows) throws Exception {
        blobs.getBlobContainerClient(config.files().inboundContainer()).getBlobClient("hr/" + name)
                .upload(BinaryData.fromString(ReconcileFixture.csv(rows)), true);
        FileRunResult run = processor.process("hr/" + name);
        assertThat(run.outcome()).as(run.message()).isEqualTo(FileRunResult.Outcome.PROCESSED);
        EmulatorSourceResource.emulator.awaitIdle(Duration.ofSeconds(10));
        return run;
    }

    private String results(FileRunResult run) {
        return blobs.getBlobContainerClient(config.files().processedContainer())
                .getBlobClient(run.reportName().orElseThrow().replace(".report.json", ".results.csv"))
                .downloadContent().toString();
    }

    private static String runId(FileRunResult run) {
        return run.reportName().orElseThrow().split("/", -1)[1];
    }

    @Test
    void anUnknownSourceIsAUsageError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(EntraInboundSyncCommand.class, factory);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("status", "--source", "nope");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("No source named 'nope'", "hr");
    }

    private int command(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(EntraInboundSyncCommand.class, factory);
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    private static ExecutionContext context() {
        return new TestExecutionContext("reconcile");
    }
}
