package io.entrasync.cli;

import io.entrasync.config.SyncConfig;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.run.SourceDefinition;
import picocli.CommandLine.Option;

/**
 * The {@code schema} commands' options (a picocli mixin): {@link JobAdminOptions} plus {@code --mapping M}, another
 * mapping than the source's (to check a mapping before deploying it).
 */
public class SourceOptions extends JobAdminOptions {

    @Option(names = "--mapping", paramLabel = "MAPPING.yaml",
            description = "Use this mapping instead of the source's (check a mapping before deploying it).")
    String mapping;

    /** The source, with {@code --mapping} instead of its own when given. */
    @Override
    SourceDefinition source(SyncConfig config) {
        SourceDefinition definition = super.source(config);
        if (mapping == null) {
            return definition;
        }
        return new SourceDefinition(definition.name(), ConfiguredSources.loadMapping(mapping),
                definition.extractOptions(), definition.upload(), definition.delta(), definition.directoryCheck());
    }
}
