package io.entrasync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import com.azure.storage.blob.BlobServiceClient;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.config.SyncConfig;
import io.entrasync.delta.DeltaState;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.run.SourceNames;
import io.entrasync.state.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drop --source NAME --file F [--full]}: drops a local extract into the inbound container and processes it. */
@Command(name = "drop", mixinStandardHelpOptions = true,
        description = {"Drops a local extract into the inbound container as <source>/<file name> and processes it now,"
                + " exactly as the blob trigger or the run command would: delta against the snapshot, leavers, the "
                + "mass-change guard, upload, reports in the processed container.",
                "Exit code: 0 processed; 1 deferred, failed or retry later; 3 held by the mass-change guard "
                        + "(approve it with the approve command); 2 a usage error."})
public class DropCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    SyncConfig config;

    @Inject
    BlobServiceClient blobs;

    @Inject
    StateStore state;

    @Inject
    ObjectMapper mapper;

    @Inject
    InboundFileProcessor processor;

    @Option(names = "--source", required = true, paramLabel = "NAME", description = "The configured source.")
    String source;

    @Option(names = "--file", required = true, paramLabel = "F", description = "The extract (CSV or XLSX).")
    Path file;

    @Option(names = "--full", description = "Send every valid record, changed or not (a full resync).")
    boolean full;

    @Override
    public Integer call() {
        if (SourceNames.problem(source).isPresent()) {
            spec.commandLine().getErr().println("--source: " + SourceNames.problem(source).get() + ".");
            return 2;
        }
        if (!config.sources().containsKey(source)) {
            spec.commandLine().getErr().println("No source named '" + source + "' is configured (configured: "
                    + config.sources().keySet() + ").");
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            spec.commandLine().getErr().println("No such file: " + file);
            return 2;
        }
        if (full) {
            new DeltaState(state, mapper).requestFullRun(source, System.getProperty("user.name", "unknown"),
                    Instant.now());
        }
        String blobName = source + "/" + file.getFileName();
        processor.waiting(); // creates the containers on first use
        blobs.getBlobContainerClient(config.files().inboundContainer()).getBlobClient(blobName)
                .uploadFromFile(file.toString(), true);
        FileRunResult result = processor.process(blobName);
        spec.commandLine().getOut().println(result.outcome() + ": " + result.message()
                + result.reportName().map(name -> " Report: processed/" + name).orElse(""));
        return switch (result.outcome()) {
            case PROCESSED, DUPLICATE -> 0;
            case HELD -> 3;
            default -> 1;
        };
    }
}
