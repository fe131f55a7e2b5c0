package io.entrasync.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.config.SyncConfig;
import io.entrasync.delta.DeltaPreview;
import io.entrasync.delta.DueRecords;
import io.entrasync.job.JobApiException;
import io.entrasync.job.JobClients;
import io.entrasync.job.JobDescription;
import io.entrasync.job.SynchronizationJob;
import io.entrasync.reconcile.Reconciler;
import io.entrasync.reconcile.StatusPage;
import io.entrasync.state.StateStore;
import io.entrasync.sync.ApiSyncRunner;
import io.entrasync.upload.UploadOverrides;
import io.entrasync.upload.UploadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code status --source NAME [--html FILE]}: the last runs with their service outcomes, and the open failures; with
 * {@code --html}, also the status page.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Prints a source's last runs (records sent, still open, re-sent, outcomes) and its open "
                + "failures: records whose latest send failed or stayed unconfirmed, with what to fix."})
public class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    Reconciler reconciler;

    @Inject
    SyncConfig config;

    @Inject
    StateStore state;

    @Inject
    ObjectMapper mapper;

    /** The time {@code today} and the coming-due days are read at (RunWiring's clock; a test may give another). */
    @Inject
    Clock clock;

    @Inject
    ApiSyncRunner apiSyncs;

    @Option(names = "--source", required = true, paramLabel = "<name>", description = "The source.")
    String source;

    @Option(names = "--runs", paramLabel = "<n>",
            description = "Runs to list. Default: sync.reconcile.status-runs (10).")
    Integer runs;

    @Option(names = "--html", paramLabel = "<file>",
            description = "Also write the status as a self-contained HTML page: the job's state, the last runs' "
                    + "outcomes, the quota over the last 24 hours, the open failures.")
    Path html;

    @Inject
    JobClients jobs;

    /** The job as it is now: a paused or quarantined job is named with what to do (issue 16). */
    private void printComingDue(PrintWriter out) {
        ZoneId zone;
        try {
            zone = ZoneId.of(config.sources().get(source).timeZone().strip());
        } catch (java.time.DateTimeException e) {
            out.println("!! sync.sources." + source + ".time-zone is not a time zone (use e.g. Europe/Berlin)");
            return;
        }
        List<String> coming = new DueRecords(state, mapper).describeComing(source, clock.instant(),
                DeltaPreview.COMING_DAYS, zone, 50);
        if (!coming.isEmpty()) {
            out.printf("Comes due in the next %d days (dates in the mapping; sent by the resume timer): %s%n",
                    DeltaPreview.COMING_DAYS, String.join(", ", coming));
        }
    }

    private void printJob(PrintWriter out) {
        try {
            UploadSettings upload = UploadSettings.resolve(source, Optional.ofNullable(config.sources().get(source)),
                    UploadOverrides.NONE);
            SynchronizationJob job = jobs.forSource(upload).job();
            out.println("Job " + job.id() + ": " + JobDescription.headline(job));
            JobDescription.advice(job).ifPresent(advice -> out.println("!! " + advice));
        } catch (JobApiException | IllegalArgumentException | IllegalStateException e) {
            out.println("Job status not read: " + e.getMessage());
        }
        out.flush();
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!reconciler.sourceNames().contains(source)) {
            spec.commandLine().getErr().println("No source named '" + source + "' is configured (configured: "
                    + reconciler.sourceNames() + ").");
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        int count = runs == null ? config.reconcile().statusRuns() : runs;
        reconciler.status(source, count).print(out);
        printComingDue(out);
        apiSyncs.circuitStatus(source).ifPresent(out::println);
        printJob(out);
        if (html != null) {
            StatusPage.render(reconciler.overview(source, count), html);
            out.println("Status page: " + html.toAbsolutePath());
        }
        out.flush();
        return 0;
    }
}
