package io.entrasync.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.entrasync.config.SyncConfig;
import io.entrasync.reconcile.Reconciler;
import io.entrasync.sync.ApiSyncRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code status --source NAME}: the last runs with their service outcomes, and the open failures. */
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
    ApiSyncRunner apiSyncs;

    @Option(names = "--source", required = true, paramLabel = "<name>", description = "The source.")
    String source;

    @Option(names = "--runs", paramLabel = "<n>", description = "Runs to list. Default: sync.reconcile.status-runs (10).")
    Integer runs;

    @Override
    public Integer call() {
        if (!reconciler.sourceNames().contains(source)) {
            spec.commandLine().getErr().println("No source named '" + source + "' is configured (configured: "
                    + reconciler.sourceNames() + ").");
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        reconciler.status(source, runs == null ? config.reconcile().statusRuns() : runs).print(out);
        apiSyncs.circuitStatus(source).ifPresent(out::println);
        out.flush();
        return 0;
    }
}
