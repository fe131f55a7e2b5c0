package io.entrasync.cli;

import java.io.PrintWriter;

import io.entrasync.auth.AuthMode;
import io.entrasync.config.SyncConfig;
import io.entrasync.job.JobApiException;
import io.entrasync.mapping.MappingException;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.run.SourceDefinition;
import io.entrasync.schema.SchemaUnreadableException;
import io.entrasync.upload.UploadSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code schema} and {@code job} subcommand shares (a picocli mixin): whose provisioning job
 * ({@code --source}, which may be left out when one source is configured), how to sign in ({@code --auth}, e.g.
 * {@code azure-cli} for an admin's own {@code az login}), and the exit codes, with a failure a
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

    @Option(names = "--auth", paramLabel = "MODE",
            description = "How to sign in to Graph: azure-cli (your own 'az login'), managed-identity or"
                    + " client-credentials. Default: the source's sync.sources.<name>.auth.mode.")
    String auth;

    /** The source (signing in as {@code --auth} says), or a usage error naming the configured ones. */
    SourceDefinition source(SyncConfig config) {
        SourceDefinition configured = configuredSource(config);
        if (auth == null) {
            return configured;
        }
        AuthMode mode;
        try {
            mode = AuthMode.parse(auth);
        } catch (IllegalArgumentException e) {
            throw new ExtractArguments.UsageException(e.getMessage() + " (--auth).");
        }
        UploadSettings upload = configured.upload();
        return new SourceDefinition(configured.name(), configured.mapping(), configured.extractOptions(),
                upload.withAuth(upload.auth().withMode(mode)), configured.delta(), configured.directoryCheck());
    }

    private SourceDefinition configuredSource(SyncConfig config) {
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
