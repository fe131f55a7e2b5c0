package io.entrasync.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.entrasync.contract.ServiceLimits;
import io.entrasync.emulator.Durations;
import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.JobRef;
import io.entrasync.emulator.NetworkConditions;
import io.entrasync.emulator.ProvisioningEmulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code emulator}: serves the local provisioning-service emulator until Ctrl-C. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = {"Runs a local emulator of the Microsoft Graph API-driven provisioning service on 127.0.0.1 "
                + "(bulkUpload, provisioning logs, the job, token endpoints) until Ctrl-C. See docs/emulator.md."})
public class EmulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    int port;

    @Option(names = "--port", defaultValue = "8089",
            description = "Port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
    void setPort(int value) {
        if (value < 0 || value > 65535) {
            throw new ParameterException(spec.commandLine(), "--port " + value
                    + ": must be 0 (any free port) to 65535");
        }
        port = value;
    }

    @Option(names = "--job", paramLabel = "<servicePrincipalId>/<jobId>",
            description = "A job to serve; repeat for several. Default: one built-in job, printed at start-up.")
    List<String> jobs = new ArrayList<>();

    @Option(names = "--processing-delay", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "Delay between a 202 and processing (e.g. 0, 250ms, 1s). Default: 1s.")
    Duration processingDelay;

    @Option(names = "--log-delay", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "Delay before processed entries appear in the provisioning logs (real service: 5-10m)."
                    + " Default: 3s.")
    Duration logDelay;

    @Option(names = "--latency", paramLabel = "<min>..<max>",
            description = "Hold each bulkUpload answer for a random time in this range, as the network to Graph does"
                    + " (e.g. 300ms..600ms, or 250ms). Default: 0.")
    String latency;

    @Option(names = "--check-tokens",
            description = "Only accept bearer tokens issued by the emulator's token endpoints and not expired.")
    boolean checkTokens;

    @Option(names = "--token-lifetime", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "Lifetime of issued tokens. Default: 1h.")
    Duration tokenLifetime;

    @Option(names = "--identity-header", paramLabel = "<secret>",
            description = "The X-IDENTITY-HEADER value the managed-identity endpoint requires. Default: "
                    + EmulatorSettings.DEFAULT_IDENTITY_HEADER + ".")
    String identityHeader;

    @Option(names = "--daily-quota", paramLabel = "<calls>",
            description = "bulkUpload calls per tenant per 24 h. Default: "
            + ServiceLimits.DAILY_CALLS_P1_P2 + ".")
    Integer dailyQuota;

    @Option(names = "--calls-per-window", paramLabel = "<calls>",
            description = "bulkUpload calls per job per window. Default: "
            + ServiceLimits.CALLS_PER_WINDOW + ".")
    Integer callsPerWindow;

    @Option(names = "--window", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "The sliding window of --calls-per-window. Default: 5s.")
    Duration window;

    @Option(names = "--reports-per-window", paramLabel = "<calls>",
            description = "Provisioning-log reads per 10 s. Default: 5.")
    Integer reportsPerWindow;

    @Option(names = "--fail-external-ids", paramLabel = "<regex>",
            description = "externalIds matching this regex fail in processing.")
    String failingPattern;

    @Option(names = "--fail-error-code", paramLabel = "<code>", defaultValue = "EmulatorInjectedFailure",
            description = "errorCode of those failures. Default: ${DEFAULT-VALUE}.")
    String failingErrorCode;

    @Option(names = "--fail-transient",
            description = "Mark those failures transient (errorCategory 'failure') instead of permanent.")
    boolean failingTransient;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        EmulatorSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ProvisioningEmulator emulator = ProvisioningEmulator.start(settings)) {
            Thread hook = new Thread(stopped::countDown, "emulator-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("Provisioning emulator listening on " + emulator.baseUrl()
                    + (settings.network().latencyMax().isZero() ? "" : " (bulkUpload latency "
                            + settings.network().latencyText() + ")"));
            for (JobRef job : emulator.jobs()) {
                out.println("  job  " + job.servicePrincipalId() + "/" + job.jobId());
                out.println("       POST " + emulator.bulkUploadUrl(job));
            }
            out.println("  logs GET  " + emulator.baseUrl() + "/beta/auditLogs/provisioning");
            out.println("  token     POST " + emulator.tokenEndpoint() + " (client_credentials)");
            out.println("  managed identity: IDENTITY_ENDPOINT=" + emulator.identityEndpoint()
                    + " IDENTITY_HEADER=" + emulator.identityHeader());
            out.println("  admin     " + emulator.baseUrl() + "/_emulator/{jobs,stats,users,logs,settings}");
            out.println("Press Ctrl-C to stop.");
            out.flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the hook is running: nothing to remove
                }
            }
        }
        return 0;
    }

    /** Stops a running {@link #call()} (used by tests; Ctrl-C does the same through a shutdown hook). */
    public void stop() {
        stopped.countDown();
    }

    EmulatorSettings settings() {
        EmulatorSettings s = EmulatorSettings.defaults().withPort(port);
        if (!jobs.isEmpty()) {
            s = s.withJobs(jobs.stream().map(JobRef::parse).toList());
        }
        if (processingDelay != null) {
            s = s.withProcessingDelay(processingDelay);
        }
        if (logDelay != null) {
            s = s.withLogDelay(logDelay);
        }
        if (latency != null) {
            Duration[] range = NetworkConditions.parseLatency(latency);
            s = s.withLatency(range[0], range[1]);
        }
        s = s.withCheckTokens(checkTokens);
        if (tokenLifetime != null) {
            s = s.withTokenLifetime(tokenLifetime);
        }
        if (identityHeader != null) {
            s = s.withIdentityHeader(identityHeader);
        }
        if (dailyQuota != null) {
            s = s.withDailyQuota(dailyQuota);
        }
        if (callsPerWindow != null || window != null) {
            s = s.withCallsPerWindow(callsPerWindow != null ? callsPerWindow : s.callsPerWindow(), window != null
                    ? window : s.callWindow());
        }
        if (reportsPerWindow != null) {
            s = s.withReportsCallsPerWindow(reportsPerWindow, s.reportsWindow());
        }
        if (failingPattern != null) {
            s = s.withFailingExternalIds(failingPattern, failingErrorCode, failingTransient);
        }
        return s;
    }

    /** Reads 0, 250ms, 5s, 10m, 24h or PT5S. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }
}
