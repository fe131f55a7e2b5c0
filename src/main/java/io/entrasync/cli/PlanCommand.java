package io.entrasync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.config.SyncConfig;
import io.entrasync.delta.DeltaPreview;
import io.entrasync.delta.DeltaRuns;
import io.entrasync.mapping.MappingException;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.run.SourceDefinition;
import io.entrasync.schema.SchemaService;
import io.entrasync.source.ExtractException;
import io.entrasync.source.ExtractInput;
import io.entrasync.state.StateStore;
import io.entrasync.upload.UploadEngines;
import io.entrasync.validate.GraphDirectoryCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plan --source NAME --file F}: what a run of the extract would send, against the source's snapshot. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Prints what a run of an extract would do against the source's snapshot in the state store: "
                + "creates, updates, unchanged, disables (leavers), rejected, and whether the mass-change guard "
                + "would hold it; then which attributes the app's schema would drop (when the job is reachable). "
                + "Sends and saves nothing.",
                "Exit code: 0 the run would go ahead; 1 it would be held; 2 a usage, file or mapping error."})
public class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    SyncConfig config;

    @Inject
    StateStore state;

    @Inject
    ObjectMapper mapper;

    /** The time {@code today} and the coming-due days are read at (RunWiring's clock; a test may give another). */
    @Inject
    Clock clock;

    @Inject
    SchemaService schemas;

    @Inject
    UploadEngines engines;

    @Option(names = "--source", required = true, paramLabel = "NAME", description = "The configured source.")
    String source;

    @Option(names = "--file", required = true, paramLabel = "F", description = "The extract (CSV or XLSX).")
    Path file;

    @Option(names = "--full", description = "Plan a full run (every valid record sent).")
    boolean full;

    @Option(names = "--list", defaultValue = "10", paramLabel = "N",
            description = "externalIds listed per kind; default ${DEFAULT-VALUE}.")
    int listed;

    @Override
    public Integer call() {
        Optional<SourceDefinition> definition = new ConfiguredSources(config.sources()).find(source);
        if (definition.isEmpty()) {
            spec.commandLine().getErr().println("No source named '" + source + "' is configured (configured: "
                    + config.sources().keySet() + ").");
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            spec.commandLine().getErr().println("No such file: " + file);
            return 2;
        }
        SourceDefinition hr = definition.get();
        try {
            DeltaPreview preview = DeltaPreview.of(
                    new DeltaRuns(state, mapper, clock).preview(source, hr.delta(), full),
                    ExtractInput.ofFile(file.toString(), file, hr.extractOptions()),
                    hr.mapping(), Math.max(0, listed), clock, GraphDirectoryCheck.forRun(hr.directoryCheck(),
                            engines.graphClient(hr.upload()), hr.upload().target().graphUrl(), mapper, source));
            preview.print(spec.commandLine().getOut());
            SchemaPreflightPrinter.print(schemas.preflight(hr), spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return preview.plan().holdReasons().isEmpty() ? 0 : 1;
        } catch (ExtractException | MappingException unusable) {
            spec.commandLine().getErr().println(unusable.getMessage());
            return 2;
        }
    }
}
