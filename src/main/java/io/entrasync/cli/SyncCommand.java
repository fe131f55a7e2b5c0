package io.entrasync.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.entrasync.sync.ApiSampler;
import io.entrasync.sync.ApiSyncResult;
import io.entrasync.sync.ApiSyncRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sync --source NAME [--full]}: one sync of an HR API source now, as the timer would run it;
 * {@code sync --source NAME --sample N}: the first N records as the mapping sees them, sending nothing.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Syncs an HR API source now: finishes its pending run if there is one, reads what changed "
                + "since the watermark (everything with --full), sends it through the same pipeline as dropped "
                + "files and moves the watermark only when every record has its outcome.",
                "With --sample N: reads only the first N records, prints each flattened (the field names a mapping "
                        + "uses) and what the mapping makes of it; sends nothing and stores nothing.",
                "Exit codes: 0 completed or nothing changed; 1 the read or the run failed; 2 usage error "
                        + "(unknown source); 3 deferred, held for approval, paused (the HR API kept failing) or to"
                        + " be retried "
                        + "(run it again later)."})
public class SyncCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    ApiSyncRunner runner;

    @Option(names = "--source", required = true, paramLabel = "<name>",
            description = "The API source (sync.sources.<name>.api.*).")
    String source;

    @Option(names = "--full", description = "Read everything, ignoring the stored watermark (a full resync).")
    boolean full;

    @Option(names = "--sample", paramLabel = "<N>",
            description = "Show the first N records (1 to 1000) flattened and mapped; "
                    + "send and store nothing.")
    Integer sample;

    /** Most records a sample shows: it is for reading on a screen, not for a read. */
    static final int MAX_SAMPLE = 1000;

    @Override
    public Integer call() {
        if (!runner.sourceNames().contains(source)) {
            spec.commandLine().getErr().println("No API source named '" + source + "' is configured (API sources: "
                    + runner.sourceNames() + "). Configure sync.sources." + source + ".api.*.");
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (sample != null) {
            return sample(out);
        }
        ApiSyncResult result = runner.sync(source, full);
        out.println(result.describe());
        out.flush();
        return switch (result.outcome()) {
            case COMPLETED, NOTHING_CHANGED -> 0;
            case DEFERRED, HELD, RETRY_LATER, BUSY, PAUSED -> 3;
            case READ_FAILED, FAILED -> 1;
        };
    }

    private int sample(PrintWriter out) {
        if (sample < 1 || sample > MAX_SAMPLE) {
            spec.commandLine().getErr().println("--sample takes a number of records from 1 to " + MAX_SAMPLE
                    + " (got " + sample + ").");
            return 2;
        }
        ApiSampler.Sample shown;
        try {
            shown = runner.sample(source, sample);
        } catch (IllegalArgumentException unusable) {
            spec.commandLine().getErr().println(unusable.getMessage());
            return 2;
        }
        shown.lines().forEach(out::println);
        out.flush();
        return shown.failed() ? 1 : 0;
    }
}
