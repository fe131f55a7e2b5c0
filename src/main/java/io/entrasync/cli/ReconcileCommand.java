package io.entrasync.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.entrasync.reconcile.PassResult;
import io.entrasync.reconcile.Reconciler;
import io.entrasync.reconcile.WaitResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reconcile}: reads the provisioning logs back, re-sends what a re-send can fix, completes the reports. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Reads the provisioning logs for the records sent, gives each its outcome (created, updated, "
                + "failed ...), re-sends failures a re-send can fix, and completes the runs' results.csv and "
                + "report.json. One pass, or passes until every record has a final outcome (--wait). "
                + "See docs/reconciliation.md."})
public class ReconcileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    Reconciler reconciler;

    @Option(names = "--source", paramLabel = "<name>", description = "Only this source. Default: every source.")
    String source;

    @Option(names = "--wait", paramLabel = "<duration>", converter = EmulatorCommand.DurationConverter.class,
            description = "Keep reconciling until every record of the open runs has a final outcome, or this long "
                    + "has passed (e.g. 30m, 2h). Exit code 1 when records are still open.")
    Duration wait;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = source == null ? new ArrayList<>(reconciler.sourceNames()) : List.of(source);
        if (names.isEmpty()) {
            spec.commandLine().getErr().println("No sources are configured (sync.sources.<name>.*).");
            return 2;
        }
        if (source != null && !reconciler.sourceNames().contains(source)) {
            spec.commandLine().getErr().println("No source named '" + source + "' is configured (configured: "
                    + reconciler.sourceNames() + ").");
            return 2;
        }
        boolean complete = true;
        for (String name : names) {
            if (wait == null) {
                PassResult result = reconciler.reconcile(name);
                out.println(result.describe());
                if (!result.cause().isEmpty()) {
                    out.println("!! " + result.cause());
                }
            } else {
                WaitResult result = reconciler.reconcileUntilFinal(name, Optional.empty(), wait);
                out.println(name + ": " + result.describe());
                result.runs().stream().filter(run -> !run.cause().isEmpty()).map(run -> "!! " + run.cause())
                        .distinct().forEach(out::println);
                complete &= result.complete();
            }
        }
        out.flush();
        return complete ? 0 : 1;
    }
}
