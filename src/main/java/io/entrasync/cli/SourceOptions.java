package io.entrasync.cli;

import java.util.Optional;

import io.entrasync.config.SyncConfig;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.run.SourceDefinition;
import picocli.CommandLine.Option;

/** {@code --source NAME [--mapping M]}: a configured source, optionally with another mapping (to check before deploying it). */
public class SourceOptions {

    @Option(names = "--source", required = true, paramLabel = "NAME", description = "The configured source.")
    String source;

    @Option(names = "--mapping", paramLabel = "MAPPING.yaml",
            description = "Use this mapping instead of the source's (check a mapping before deploying it).")
    String mapping;

    /** The source, or a usage error naming the configured ones. */
    SourceDefinition resolve(SyncConfig config) {
        Optional<SourceDefinition> found = new ConfiguredSources(config.sources()).find(source);
        SourceDefinition definition = found.orElseThrow(() -> new ExtractArguments.UsageException("No source named '"
                + source + "' is configured (configured: " + config.sources().keySet() + ")."));
        if (mapping == null) {
            return definition;
        }
        return new SourceDefinition(definition.name(), ConfiguredSources.loadMapping(mapping),
                definition.extractOptions(), definition.upload(), definition.delta());
    }
}
