package io.entrasync.cli;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.delta.DeltaRunRecord;
import io.entrasync.delta.DeltaState;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.state.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code approve --source NAME --run ID}: releases a run held by the mass-change guard and processes it now. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Approves a run that the mass-change guard held (its report says status held and why), then "
                + "processes its extract, which waits in the inbound container: the plan is sent as it is.",
                "Without this command (Azure Functions): upload a blob <source>/approvals/<runId> into the state "
                        + "container; the resumeWaiting timer (RESUME_SCHEDULE) then processes the extract.",
                "Exit code: 0 sent; 1 processed with another outcome (see the message); 2 no such held run."})
public class ApproveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    StateStore state;

    @Inject
    ObjectMapper mapper;

    @Inject
    InboundFileProcessor processor;

    @Option(names = "--source", required = true, paramLabel = "NAME", description = "The source.")
    String source;

    @Option(names = "--run", required = true, paramLabel = "ID", description = "The held run's id (from its report).")
    String runId;

    @Override
    public Integer call() {
        DeltaState deltas = new DeltaState(state, mapper);
        Optional<DeltaRunRecord> run = deltas.openRun(source, runId);
        if (run.isEmpty() || !run.get().held()) {
            spec.commandLine().getErr().println("Source " + source + " has no held run " + runId
                    + (run.isPresent() ? " (it is not held)" : "") + ". Held runs: " + deltas.openRuns(source).stream()
                            .filter(DeltaRunRecord::held).map(DeltaRunRecord::runId).toList());
            return 2;
        }
        deltas.approve(source, runId, System.getProperty("user.name", "unknown"), Instant.now());
        spec.commandLine().getOut().println("Approved run " + runId + " of " + source + " (" + String.join("; ",
                run.get().holdReasons()) + "); processing inbound/" + run.get().blobName());
        FileRunResult result = processor.process(run.get().blobName());
        spec.commandLine().getOut().println(result.outcome() + ": " + result.message()
                + result.reportName().map(name -> " Report: processed/" + name).orElse(""));
        return result.outcome() == FileRunResult.Outcome.PROCESSED ? 0 : 1;
    }
}
