package io.entrasync.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.entrasync.config.SyncConfig;
import io.entrasync.mapping.FieldError;
import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.MappingException;
import io.entrasync.mapping.MappingLoader;
import io.entrasync.report.SafeCsv;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.run.SourceDefinition;
import io.entrasync.schema.SchemaService;
import io.entrasync.source.ExtractException;
import io.entrasync.validate.ExtractOutcome;
import io.entrasync.validate.ExtractPipeline;
import io.entrasync.validate.ExtractSummary;
import io.entrasync.validate.RejectedRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code validate}: checks a mapping and every record of an extract; uploads nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks the mapping and every record of an HR extract, and prints each rejected record and a "
                + "summary. Sends nothing.",
                "Exit code: 0 all records valid, 1 some rejected, 2 a usage, mapping or file error."})
public class ValidateCommand implements Callable<Integer> {

    static final int ALL_VALID = 0;
    static final int SOME_REJECTED = 1;
    static final int UNUSABLE = 2;

    @Mixin
    ExtractArguments arguments;

    int maxErrors;

    @Option(names = "--source", paramLabel = "NAME",
            description = "Also check the mapping against this source's provisioning job schema (when reachable):"
                    + " which attributes the service would drop. See docs/schema-and-jobs.md.")
    String source;

    @Inject
    SyncConfig config;

    @Inject
    SchemaService schemas;

    @Option(names = "--max-errors", defaultValue = "1000", paramLabel = "N",
            description = "Print at most N rejected records (default ${DEFAULT-VALUE}, 0 for none); the summary counts "
                    + "them all.")
    void setMaxErrors(int value) {
        if (value < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-errors " + value
                    + ": must be 0 or more (0 prints no rejected record, only the summary)");
        }
        maxErrors = value;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TerminalProgress progress = TerminalProgress.forConsole();
        try {
            Mapping mapping = MappingLoader.load(arguments.mapping);
            mapping.warnings().forEach(warning -> err.println("warning: " + mapping.source() + ": " + warning));
            long[] printed = {0};
            ExtractSummary summary = ExtractPipeline.process(arguments.input(), mapping, outcome -> {
                if (outcome instanceof ExtractOutcome.Rejected rejected && printed[0]++ < maxErrors) {
                    progress.done();
                    out.println(describe(rejected.record()));
                }
            }, progress);
            progress.done();
            if (printed[0] > maxErrors) {
                out.println("... and " + (printed[0] - maxErrors) + " more rejected records (--max-errors, or "
                        + "preview --out DIR for all of them in rejected.csv)");
            }
            out.println(summary.describe());
            if (source != null) {
                checkSchema(mapping, out);
            }
            out.flush();
            return summary.rejected() == 0 ? ALL_VALID : SOME_REJECTED;
        } catch (MappingException | ExtractException | ExtractArguments.UsageException e) {
            progress.done();
            err.println(e.getMessage());
            return UNUSABLE;
        }
    }

    /** The schema check of {@code mapping} against {@code --source}'s job; never changes the exit code. */
    private void checkSchema(Mapping mapping, PrintWriter out) {
        SourceDefinition definition = new ConfiguredSources(config.sources()).find(source).orElseThrow(
                () -> new ExtractArguments.UsageException("--source " + source + ": no such source (configured: "
                        + config.sources().keySet() + ")"));
        SchemaPreflightPrinter.print(schemas.preflight(new SourceDefinition(definition.name(), mapping,
                definition.extractOptions(), definition.upload(), definition.delta())), out);
    }

    /** {@code line 12 (externalId 1222): externalId: duplicate externalId: ...}, one line per error. */
    static String describe(RejectedRecord record) {
        StringBuilder text = new StringBuilder();
        for (FieldError error : record.errors()) {
            if (!text.isEmpty()) {
                text.append(System.lineSeparator());
            }
            text.append(record.location());
            if (!record.externalId().isEmpty()) {
                text.append(" (externalId ").append(SafeCsv.showControlCharacters(record.externalId())).append(')');
            }
            text.append(": ").append(error.field()).append(": ").append(error.reason().label()).append(": ")
                    .append(SafeCsv.showControlCharacters(error.message()));
        }
        return text.toString();
    }
}
