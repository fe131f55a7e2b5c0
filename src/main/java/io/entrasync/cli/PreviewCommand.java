package io.entrasync.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.MappingException;
import io.entrasync.mapping.MappingLoader;
import io.entrasync.scim.BulkRequestWriter;
import io.entrasync.scim.ScimUser;
import io.entrasync.source.ExtractException;
import io.entrasync.validate.ExtractOutcome;
import io.entrasync.validate.ExtractPipeline;
import io.entrasync.validate.ExtractSummary;
import io.entrasync.validate.RejectedCsvWriter;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preview}: writes the BulkRequests that would be sent, and rejected.csv; sends nothing. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Writes the BulkRequests that would be sent for an HR extract (DIR/bulk-0001.json, ..., at most "
                + "50 operations each) and DIR/rejected.csv (line, externalId, field, reason). Sends nothing.",
                "Records are in file order; managers-first ordering and delta against the last run happen at "
                        + "upload time.",
                "Exit code: 0 all records valid, 1 some rejected, 2 a usage, mapping or file error."})
public class PreviewCommand implements Callable<Integer> {

    static final String REJECTED_CSV = "rejected.csv";

    @Mixin
    ExtractArguments arguments;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where to write bulk-NNNN.json and rejected.csv; earlier preview files there are replaced.")
    Path out;

    @Spec
    CommandSpec spec;

    @Inject
    ObjectMapper objectMapper;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TerminalProgress progress = TerminalProgress.forConsole();
        try {
            Mapping mapping = MappingLoader.load(arguments.mapping);
            var input = arguments.input();
            prepare(out);
            BulkRequestWriter writer = new BulkRequestWriter(objectMapper, true);
            List<ScimUser> batch = new ArrayList<>(BulkRequestWriter.MAX_OPERATIONS);
            int[] files = {0};
            Path rejectedFile = out.resolve(REJECTED_CSV);
            RejectedCsvWriter[] rejected = {null};
            ExtractSummary summary;
            try {
                summary = ExtractPipeline.process(input, mapping, outcome -> {
                    if (outcome instanceof ExtractOutcome.Valid valid) {
                        batch.add(valid.user());
                        if (batch.size() == BulkRequestWriter.MAX_OPERATIONS) {
                            writeBatch(writer, batch, ++files[0]);
                        }
                    } else {
                        if (rejected[0] == null) {
                            rejected[0] = new RejectedCsvWriter(newFile(rejectedFile));
                        }
                        rejected[0].write(((ExtractOutcome.Rejected) outcome).record());
                    }
                }, progress);
                if (!batch.isEmpty()) {
                    writeBatch(writer, batch, ++files[0]);
                }
            } finally {
                if (rejected[0] != null) {
                    rejected[0].close();
                }
            }
            progress.done();
            stdout.println(summary.describe());
            stdout.println("Wrote " + files[0] + " BulkRequest" + (files[0] == 1 ? "" : "s") + " (" + summary.valid()
                    + " users) to " + out + (summary.rejected() > 0 ? "; rejected records in " + rejectedFile : ""));
            stdout.flush();
            return summary.rejected() == 0 ? ValidateCommand.ALL_VALID : ValidateCommand.SOME_REJECTED;
        } catch (MappingException | ExtractException | ExtractArguments.UsageException e) {
            progress.done();
            err.println(e.getMessage());
            return ValidateCommand.UNUSABLE;
        } catch (UncheckedIOException e) {
            progress.done();
            err.println("Cannot write to " + out + ": " + e.getCause().getMessage());
            return ValidateCommand.UNUSABLE;
        }
    }

    static String fileName(int number) {
        return String.format("bulk-%04d.json", number);
    }

    private void writeBatch(BulkRequestWriter writer, List<ScimUser> batch, int number) {
        String name = fileName(number);
        try (OutputStream file = newFile(out.resolve(name))) {
            writer.write(batch, name.substring(0, name.length() - ".json".length()), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batch.clear();
    }

    private static OutputStream newFile(Path file) {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the directory and removes the files of an earlier preview, so what is there is this run's. */
    private static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "{bulk-[0-9]*.json," + REJECTED_CSV + "}")) {
                for (Path file : old) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
