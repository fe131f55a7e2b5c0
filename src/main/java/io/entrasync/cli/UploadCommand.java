package io.entrasync.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.config.SyncConfig;
import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.MappingException;
import io.entrasync.mapping.MappingLoader;
import io.entrasync.plan.UploadPlan;
import io.entrasync.source.ExtractException;
import io.entrasync.state.LeaseUnavailableException;
import io.entrasync.state.StateStore;
import io.entrasync.upload.UploadCheckpoints;
import io.entrasync.upload.UploadListener;
import io.entrasync.upload.UploadEngines;
import io.entrasync.upload.UploadOverrides;
import io.entrasync.upload.UploadResult;
import io.entrasync.upload.UploadSettings;
import io.entrasync.validate.ExtractOutcome;
import io.entrasync.validate.ExtractPipeline;
import io.entrasync.validate.ExtractSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code upload}: extract → mapping → validation → managers-first batches of 50 → paced bulkUpload calls. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Sends an HR extract to a provisioning job: reads and validates every record (as validate does),"
                + " orders managers before their reports, and uploads full batches of 50 within the pacing and the"
                + " daily call quota, retrying throttled calls.",
                "Flags override the source's configuration (sync.sources.<name>.*, see docs/configuration.md).",
                "Exit code: 0 every record sent; 1 some records rejected or refused by the service; 2 a usage,"
                        + " mapping, file or configuration error (nothing sent); 3 stopped early (daily quota,"
                        + " service unavailable, permission): records left unsent."})
public class UploadCommand implements Callable<Integer> {

    static final int ALL_SENT = 0;
    static final int SOME_NOT_ACCEPTED = 1;
    static final int UNUSABLE = 2;
    static final int STOPPED_EARLY = 3;
    private static final int MAX_REJECTED_PRINTED = 20;
    /** Longer than a lease: a killed upload's lease has expired by then. */
    private static final Duration LEASE_WAIT = Duration.ofSeconds(45);

    @Mixin
    ExtractArguments arguments;

    @Option(names = "--source", defaultValue = "default", paramLabel = "NAME",
            description = "The configured source whose settings to use (sync.sources.NAME.*);"
                    + " default ${DEFAULT-VALUE}.")
    String source;

    @Option(names = "--graph-url", paramLabel = "URL",
            description = "Microsoft Graph base URL; the emulator's URL locally (default https://graph.microsoft.com).")
    String graphUrl;

    @Option(names = "--service-principal-id", paramLabel = "ID",
            description = "Object id of the provisioning app's service principal.")
    String servicePrincipalId;

    @Option(names = "--job-id", paramLabel = "ID", description = "The provisioning job id (API2AAD.… or API2AD.…).")
    String jobId;

    @Option(names = "--auth", paramLabel = "MODE",
            description = "How to sign in to Graph: managed-identity, client-credentials or azure-cli (your own"
                    + " 'az login'). Default: the source's sync.sources.<name>.auth.mode.")
    String auth;

    @Option(names = "--token-url", paramLabel = "URL",
            description = "Token endpoint for client-credentials; the emulator's"
                    + " <url>/<tenant>/oauth2/v2.0/token locally.")
    String tokenUrl;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "App registration client id (client-credentials) or user-assigned identity client id.")
    String clientId;

    @Option(names = "--client-secret", paramLabel = "SECRET",
            description = "Client secret (client-credentials). Prefer SYNC_SOURCES_<NAME>_AUTH_CLIENT_SECRET: "
                    + "command lines show up in process lists.")
    String clientSecret;

    @Option(names = "--restart",
            description = "Send every batch again, ignoring the checkpoint an interrupted upload of this extract left"
                    + " (by default a rerun resumes it and sends only the batches the service has not accepted).")
    boolean restart;

    @Spec
    CommandSpec spec;

    @Inject
    StateStore state;

    @Inject
    ObjectMapper mapper;

    @Inject
    SyncConfig config;

    @Inject
    UploadEngines engines;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        TerminalProgress extractProgress = TerminalProgress.forConsole();
        UploadSettings settings;
        ExtractSummary extract;
        UploadPlan plan;
        try {
            settings = UploadSettings.resolve(source, Optional.ofNullable(config.sources().get(source)), overrides());
            Mapping mapping = MappingLoader.load(arguments.mapping);
            UploadPlan.Builder builder = UploadPlan.builder(mapper);
            long[] rejected = {0};
            long[] held = {0};
            extract = ExtractPipeline.process(arguments.input(), mapping, outcome -> {
                if (outcome instanceof ExtractOutcome.Valid valid && valid.held() != null) {
                    printHeld(valid, held[0]++, err, extractProgress);
                } else if (outcome instanceof ExtractOutcome.Valid valid) {
                    builder.add(valid.user());
                } else if (outcome instanceof ExtractOutcome.Rejected bad && rejected[0]++ < MAX_REJECTED_PRINTED) {
                    extractProgress.done();
                    err.println("rejected: " + bad.record().describe());
                }
            }, extractProgress);
            extractProgress.done();
            if (rejected[0] > MAX_REJECTED_PRINTED) {
                err.println("... and " + (rejected[0] - MAX_REJECTED_PRINTED) + " more rejected records"
                        + " (validate, or preview --out DIR, lists them all)");
            }
            plan = builder.build();
        } catch (MappingException | ExtractException | ExtractArguments.UsageException | IllegalArgumentException e) {
            extractProgress.done();
            err.println(e.getMessage());
            return UNUSABLE;
        }
        plan.cycles().forEach(cycle -> err.println("warning: " + cycle.describe()));

        UploadResult result;
        UploadCheckpoints.Checkpoint checkpoint;
        try {
            checkpoint = new UploadCheckpoints(state, mapper).open(source, settings.target().jobId(), plan, restart,
                    LEASE_WAIT, () -> err.println("Another upload of this extract to this job holds its lease;"
                            + " waiting up to " + LEASE_WAIT.toSeconds() + " s (a killed upload's lease expires"
                            + " within 15 s)."));
        } catch (LeaseUnavailableException busy) {
            err.println("Another upload of this extract to this job is still running (its lease is held); wait"
                    + " for it to finish, then run the command again.");
            return STOPPED_EARLY;
        }
        try (checkpoint) {
            if (checkpoint.resumes()) {
                err.println("Resuming an interrupted upload of this extract: " + checkpoint.alreadyDone().size()
                        + " of " + plan.batchCount() + " calls were done by an earlier run and are not sent again"
                        + " (--restart sends everything again).");
            }
            UploadProgress progress = new UploadProgress(System.err, Terminal.attached(),
                    checkpoint.alreadyDone().size(), plan.batchCount(), plan.userCount());
            result = engines.create(settings).upload(plan, checkpoint.alreadyDone(),
                    UploadListener.both(checkpoint.listener(), progress));
            progress.finish();
            checkpoint.finish(result);
        }
        result.failures().stream().filter(f -> f.batchIndex() >= 0)
                .collect(Collectors.groupingBy(f -> f.batchIndex(), TreeMap::new,
                        Collectors.toList()))
                .forEach((batch, failures) -> err.println("refused: call " + (batch + 1) + " with " + failures.size()
                        + " records (" + failures.get(0).record().externalId() + " ... "
                        + failures.get(failures.size() - 1).record().externalId() + "): " + failures.get(0).reason()));
        result.failures().stream().filter(f -> f.batchIndex() < 0)
                .forEach(f -> err.println("rejected: " + f.reason()));

        out.println(extract.describe());
        out.println(summary(extract, result, checkpoint, plan, (System.nanoTime() - started) / 1e9));
        out.flush();
        if (!result.completed()) {
            err.println("Stopped: " + result.stopDetail());
            return STOPPED_EARLY;
        }
        return extract.rejected() == 0 && result.failures().isEmpty() ? ALL_SENT : SOME_NOT_ACCEPTED;
    }

    static String summary(ExtractSummary extract, UploadResult result, UploadCheckpoints.Checkpoint checkpoint,
            UploadPlan plan, double totalSeconds) {
        long refused = result.failures().stream().filter(f -> f.batchIndex() >= 0).count();
        long rejectedByPlan = result.failures().size() - refused;
        UploadResult.Stats stats = result.stats();
        StringBuilder text = new StringBuilder();
        text.append(String.format("Records: %d read, %d rejected, %d sent, %d refused by the service, %d not sent",
                extract.recordsRead(), extract.rejected() + rejectedByPlan, result.sentRecords(), refused,
                result.unsent().size()));
        if (checkpoint.resumes()) {
            long earlier = result.alreadyDone().stream().mapToLong(b -> plan.batch(b).users().size()).sum();
            text.append(String.format(", %d sent or refused by the interrupted run%n", earlier));
            text.append(String.format("Resumed: %d of %d calls were done by an earlier run (%d accepted, %d refused)"
                    + " and were not sent again; checkpoint %s in the state store%n", result.alreadyDone().size(),
                    result.batchCount(), checkpoint.earlierAccepted(), checkpoint.earlierRefused(), checkpoint.path()));
        } else {
            text.append(String.format("%n"));
        }
        text.append(String.format(
                "Calls: %d (%d accepted, %d with 50 operations), %d retries, %d throttled (429)%n", stats.calls(),
                stats.acceptedCalls(), stats.fullCalls(), stats.retries(), stats.throttled()));
        result.quota().ifPresent(quota -> text.append(String.format(
                "Daily quota: %d of %d calls used in the last 24 h%n", quota.used(), quota.budget())));
        text.append(String.format("Elapsed: %.1f s (upload %.1f s)", totalSeconds,
                result.elapsed().toMillis() / 1000.0));
        if (!result.completed()) {
            text.append(String.format("%nStopped before call %d of %d (%s); run the same command again to send the %d"
                    + " unsent records: it resumes from the checkpoint", result.nextBatch() + 1, result.batchCount(),
                    result.stop(), result.unsent().size()));
        }
        return text.toString();
    }

    private UploadOverrides overrides() {
        return new UploadOverrides(Optional.ofNullable(graphUrl), Optional.ofNullable(servicePrincipalId),
                Optional.ofNullable(jobId), Optional.ofNullable(auth), Optional.ofNullable(tokenUrl),
                Optional.ofNullable(clientId), Optional.ofNullable(clientSecret));
    }

    /** A pre-hire the mapping holds back ({@code options.preHire}): the first few are named. */
    private static void printHeld(ExtractOutcome.Valid valid, long earlier, PrintWriter err,
            TerminalProgress progress) {
        if (earlier < MAX_REJECTED_PRINTED) {
            progress.done();
            err.println("not sent: " + valid.externalId() + " " + valid.held());
        }
    }
}
