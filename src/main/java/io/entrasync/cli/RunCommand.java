package io.entrasync.cli;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.scheduler.Scheduler;
import picocli.CommandLine.Command;

/**
 * The standalone service for a VM or a container: the same pipeline as the Functions app, driven by the scheduler
 * (new extracts in the inbound container every {@code sync.files.poll-every}) instead of triggers.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs as a standalone service: processes extracts dropped into the inbound container "
                + "(polled every sync.files.poll-every) and syncs the HR API sources (every sync.api.poll-every) "
                + "until stopped with Ctrl-C.")
public class RunCommand implements Callable<Integer> {

    @Inject
    Scheduler scheduler;

    @Override
    public Integer call() {
        // The scheduler starts halted so that short commands and the Functions host never fire scheduled jobs.
        scheduler.resume();
        System.err.println("entra-inbound-sync is running; Ctrl-C stops it.");
        Quarkus.waitForExit();
        return 0;
    }
}
