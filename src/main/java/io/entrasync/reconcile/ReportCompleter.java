package io.entrasync.reconcile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import io.entrasync.report.RecordOutcome;
import io.entrasync.report.ReportPages;
import io.entrasync.report.ResultLine;
import io.entrasync.report.ResultsCsvWriter;
import io.entrasync.report.SafeCsv;
import io.entrasync.trail.PassTrails;
import io.entrasync.trail.TrailRecorder;
import org.jboss.logging.Logger;

/**
 * Completes a run's {@code <file>.results.csv} and {@code <file>.report.json} in the processed container with the
 * service's outcomes: each {@code accepted} line of a reconciled record gets its outcome and the service's detail
 * (or what is still awaited), and the report gets the outcome counts and a {@code reconciliation} section. Every
 * other line (rejected, deferred, refused) stays as it is, so every record still has exactly one outcome.
 */
final class ReportCompleter {

    private static final Logger LOG = Logger.getLogger(ReportCompleter.class);

    private final BlobContainerClient processed;
    private final ObjectMapper mapper;
    private final PassTrails trails;

    /** @param trails keeps each line this pass changes in its person's trail (io.entrasync.trail) */
    ReportCompleter(BlobContainerClient processed, ObjectMapper mapper, PassTrails trails) {
        this.processed = processed;
        this.mapper = mapper;
        this.trails = trails;
    }

    /** ETag of the run's results.csv, empty when the run has written none yet (still in its first attempt). */
    Optional<String> resultsEtag(RunState run) {
        BlobClient results = processed.getBlobClient(run.run().reportFolder() + ".results.csv");
        return results.exists() ? Optional.of(results.getProperties().getETag()) : Optional.empty();
    }

    /**
     * Rewrites both files from {@code run}.
     *
     * @return the new ETag of results.csv, empty when the run has no results file yet
     */
    Optional<String> complete(RunState run, ReconcileSettings settings, Instant now) {
        String folder = run.run().reportFolder();
        BlobClient results = processed.getBlobClient(folder + ".results.csv");
        if (!results.exists()) {
            return Optional.empty();
        }
        Path rewritten = tempFile();
        Map<RecordOutcome, Long> counts = new EnumMap<>(RecordOutcome.class);
        TrailRecorder trail = trails.open(run.run().source(), run.run().runId());
        try {
            try (InputStream in = results.openInputStream();
                 CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(new InputStreamReader(in,
                         StandardCharsets.UTF_8));
                 OutputStream out = Files.newOutputStream(rewritten);
                 ResultsCsvWriter writer = new ResultsCsvWriter(out)) {
                boolean header = true;
                for (CsvRecord line : csv) {
                    if (header) {
                        header = false;
                        continue;
                    }
                    ResultLine completed = completeLine(line, run, settings);
                    counts.merge(completed.outcome(), 1L, Long::sum);
                    writer.write(completed);
                    if (changedBy(line, completed)) {
                        trail.result(completed);
                    }
                }
            }
            results.uploadFromFile(rewritten.toString(), true);
            trail.finish("reconciled");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not complete " + folder + ".results.csv: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(rewritten);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
        completeReport(folder + ".report.json", run, counts, now);
        publishPage(folder);
        return Optional.of(results.getProperties().getETag());
    }

    private static ResultLine completeLine(CsvRecord line, RunState run, ReconcileSettings settings) {
        long position = parseLong(line.getField(0));
        String externalId = line.getFieldCount() > 1 ? SafeCsv.original(line.getField(1)) : "";
        RecordOutcome outcome = parseOutcome(line.getFieldCount() > 2 ? line.getField(2) : "");
        String detail = line.getFieldCount() > 3 ? SafeCsv.original(line.getField(3)) : "";
        RecordState record = run.records().get(externalId);
        if (record == null || !(outcome == RecordOutcome.ACCEPTED || isServiceOutcome(outcome))) {
            return new ResultLine(position, externalId, outcome == null ? RecordOutcome.ACCEPTED : outcome, detail);
        }
        return switch (record.status()) {
            case FINAL -> new ResultLine(position, externalId, record.outcome(), record.detail());
            case PENDING -> new ResultLine(position, externalId, RecordOutcome.ACCEPTED, "sent" + (record.attempt() > 1
                    ? " again (attempt " + record.attempt() + " of " + settings.maxAttempts() + ")" : "") + " at "
                    + record.sentAt() + "; waiting for its provisioning-log entry"
                    + (record.detail() == null || record.detail().isEmpty() ? "" : ". Before: " + record.detail()));
            case RESEND -> new ResultLine(position, externalId, RecordOutcome.ACCEPTED, record.detail()
                    + " It will be sent again (attempt " + (record.attempt() + 1) + " of " + settings.maxAttempts()
                    + ").");
        };
    }

    /** True when the pass changed the line: a new outcome or a new detail (a verdict, a re-send). */
    private static boolean changedBy(CsvRecord line, ResultLine completed) {
        String outcome = line.getFieldCount() > 2 ? line.getField(2) : "";
        String detail = line.getFieldCount() > 3 ? SafeCsv.original(line.getField(3)) : "";
        return !completed.outcome().label().equals(outcome) || !completed.detail().equals(detail);
    }

    private void completeReport(String name, RunState run, Map<RecordOutcome, Long> lineCounts, Instant now) {
        BlobClient blob = processed.getBlobClient(name);
        if (!blob.exists()) {
            return;
        }
        try {
            ObjectNode report = (ObjectNode) mapper.readTree(blob.downloadContent().toBytes());
            ObjectNode records = report.get("records") instanceof ObjectNode existing ? existing
                    : report.putObject("records");
            ObjectNode byOutcome = records.putObject("byOutcome");
            lineCounts.forEach((outcome, count) -> byOutcome.put(outcome.label(), count));
            ObjectNode reconciliation = report.putObject("reconciliation");
            reconciliation.put("status", run.allFinal() ? "complete" : "in-progress");
            reconciliation.put("reconciledAt", now.toString());
            reconciliation.put("sent", run.records().size());
            reconciliation.put("open", run.open());
            reconciliation.put("resent", run.resent());
            ObjectNode outcomes = reconciliation.putObject("outcomes");
            Map<String, Long> labels = new LinkedHashMap<>();
            run.outcomes().forEach((outcome, count) -> labels.put(outcome.label(), count));
            labels.forEach(outcomes::put);
            if (!run.cause().isEmpty()) {
                reconciliation.put("cause", run.cause());
            }
            blob.upload(BinaryData.fromBytes(mapper.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(report)), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not complete " + name + ": " + e.getMessage(), e);
        }
    }

    /** report.html again from the completed files (issue 18); a page that cannot be written does not stop the pass. */
    private void publishPage(String folder) {
        try {
            ReportPages.publish(processed, folder, mapper);
        } catch (RuntimeException e) {
            LOG.warnf("Could not write processed/%s.report.html: %s", folder, e.getMessage());
        }
    }

    static boolean isServiceOutcome(RecordOutcome outcome) {
        return outcome != null && outcome.fromService();
    }

    private static RecordOutcome parseOutcome(String label) {
        for (RecordOutcome outcome : RecordOutcome.values()) {
            if (outcome.label().equals(label)) {
                return outcome;
            }
        }
        return null;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("reconcile-", ".results.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
