package io.entrasync.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The command-line door: {@code java -jar target/entra-inbound-sync-runner.jar <command>}. */
@TopCommand
@Command(name = "entra-inbound-sync", mixinStandardHelpOptions = true, version = "entra-inbound-sync 0.1.0",
        description = "Keeps Microsoft Entra ID in sync with an HR system through API-driven inbound provisioning.",
        footer = {"Exit codes common to every command: 2 a usage, input, mapping or configuration error; 3 the state "
                + "store or a service could not be reached (run again later); 1 an unexpected failure "
                + "(--verbose shows the details). Each command's help lists its own codes."},
        subcommands = {
                VersionCommand.class,
                ValidateCommand.class,
                PreviewCommand.class,
                UploadCommand.class,
                EmulatorCommand.class,
                RunCommand.class,
                DemoCommand.class,
                ReconcileCommand.class,
                StatusCommand.class,
                SyncCommand.class,
                PlanCommand.class,
                ApproveCommand.class,
                DropCommand.class,
                CustomHandlerCommand.class,
                SchemaCommand.class,
                JobCommand.class,
                TraceCommand.class,
        })
public class EntraInboundSyncCommand {

    /** Read by {@link FailureHandler}; on every command. */
    @Option(names = FailureHandler.VERBOSE, scope = ScopeType.INHERIT,
            description = "On a failure, print the full stack trace after the message.")
    boolean verbose;
}
