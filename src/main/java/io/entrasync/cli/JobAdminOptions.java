package io.entrasync.cli;

import java.io.PrintWriter;

import io.entrasync.config.SyncConfig;
import io.entrasync.job.JobApiException;
import io.entrasync.mapping.MappingException;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.run.SourceDefinition;
import io.entrasync.schema.SchemaUnreadableException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code schema} and {@code job} subcommand shares (a picocli mixin): whose provisioning job
 * ({@code --source}, which may be left out when one source is configured), and the exit codes, with a failure a
 * person can act on (a refused call naming the permission, an unknown source, an unusable mapping) printed as its
 * message on stderr, never as a stack trace. Changes are confirmed with {@link ConfirmOption}.
 */
public class JobAdminOptions {

    /** Done: every attribute flows, nothing is missing, the change was made. */
    static final int DONE = 0;
    /** Not done, on purpose: attributes will be dropped or are missing, or the change was not confirmed. */
    static final int NOT_DONE = 1;
    /** Could not be done: the schema or job could not be read or changed, or an option is wrong. */
    static final int FAILED = 2;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "NAME",
            description = "The configured source whose provisioning job it is; default: the only configured source.")
    String source;

    /** The source, or a usage error naming the configured ones. */
    SourceDefinition source(SyncConfig config) {
        String name = source;
        if (name == null) {
            if (config.sources().size() != 1) {
                throw new ExtractArguments.UsageException("Give --source (configured: " + config.sources().keySet()
                        + ").");
            }
            name = config.sources().keySet().iterator().next();
        }
        String chosen = name;
        return new ConfiguredSources(config.sources()).find(chosen).orElseThrow(() ->
                new ExtractArguments.UsageException("No source named '" + chosen + "' is configured (configured: "
                        + config.sources().keySet() + ")."));
    }

    /** The command's work, writing to its standard output; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(PrintWriter out);
    }

    /** Runs {@code work}; a failure a person can act on is its message on stderr and exit {@value #FAILED}. */
    int run(Work work) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            return work.run(out);
        } catch (JobApiException | SchemaUnreadableException | ExtractArguments.UsageException | MappingException
                | IllegalStateException | IllegalArgumentException e) {
            out.flush();
            spec.commandLine().getErr().println(e.getMessage());
            return FAILED;
        } finally {
            out.flush();
        }
    }
}
