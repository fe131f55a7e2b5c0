package io.entrasync.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The command-line door: {@code java -jar target/entra-inbound-sync-runner.jar <command>}. */
@TopCommand
@Command(name = "entra-inbound-sync", mixinStandardHelpOptions = true, version = "entra-inbound-sync 0.1.0",
        description = "Keeps Microsoft Entra ID in sync with an HR system through API-driven inbound provisioning.",
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
        })
public class EntraInboundSyncCommand {
}
