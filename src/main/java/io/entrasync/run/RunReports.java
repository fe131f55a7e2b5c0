package io.entrasync.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.entrasync.report.RecordOutcome;
import io.entrasync.report.ReportPages;
import io.entrasync.report.RunMetrics;
import io.entrasync.report.RunReport;
import io.entrasync.report.RunSummaryLine;
import io.entrasync.run.FileRunState.CallRecord;
import io.entrasync.run.FileRunState.Status;
import io.entrasync.upload.DailyQuota;
import io.entrasync.upload.UploadResult;
import io.entrasync.validate.ExtractSummary;
import io.entrasync.validate.UniqueSummary;

/** A run's report.json as {@link ExtractRun} ends an attempt, and its publication beside results.csv. */
final class RunReports {

    /** The run's summary line keeps the log category it always had. */
    private static final Logger LOG = Logger.getLogger(ExtractRun.class);

    private final DropZone zone;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final RunMetrics metrics = RunMetrics.global();

    RunReports(DropZone zone, ObjectMapper mapper, Clock clock) {
        this.zone = zone;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The report of a run the mass-change guard held: its plan, and nothing sent. */
    RunReport held(RunAttempt attempt, FileRunState run, String reason, ExtractSummary summary, RunTally tally) {
        InboundFile file = attempt.file();
        return new RunReport(run.runId(), file.source(), file.fileName(), "held", reason,
                run.startedAt(), clock.instant(), run.attempts(),
                new RunReport.Records(summary.recordsRead(), summary.valid(), tally.get(RecordOutcome.REJECTED), 0, 0,
                        0, tally.get(RecordOutcome.UNCHANGED), tally.asLabels()),
                byReason(summary), new RunReport.Calls(0, 0, 0, 0, 0, 0, 0), null, List.of(), tally.rejectedListed(),
                fileNameOnly(attempt.folder()) + ".results.csv", attempt.delta().summary(), attempt.schema(),
                unique(summary));
    }

    private static List<String> unique(ExtractSummary summary) {
        return summary.unique().stream().map(UniqueSummary::describe).toList();
    }

    /** The report of an attempt that sent, as the upload stopped. */
    RunReport sent(RunAttempt attempt, FileRunState run, Status status, UploadResult result, ExtractSummary summary,
            RunTally tally) {
        long acceptedOverAll = run.calls().stream().filter(CallRecord::accepted).count();
        long refused = run.calls().stream().filter(call -> !call.accepted()).count();
        UploadResult.Stats stats = result.stats();
        RunReport.Quota quota = result.quota().map(RunReports::quota).orElse(null);
        String detail = status == Status.COMPLETED ? "" : result.stopDetail();
        InboundFile file = attempt.file();
        return new RunReport(run.runId(), file.source(), file.fileName(), status.name().toLowerCase(Locale.ROOT),
                detail,
                run.startedAt(), clock.instant(), run.attempts(),
                new RunReport.Records(summary.recordsRead(), summary.valid(), tally.get(RecordOutcome.REJECTED),
                        tally.get(RecordOutcome.ACCEPTED), tally.get(RecordOutcome.FAILED),
                        tally.get(RecordOutcome.DEFERRED), tally.get(RecordOutcome.UNCHANGED), tally.asLabels()),
                byReason(summary),
                new RunReport.Calls(stats.calls(), stats.acceptedCalls(), refused, stats.retries(), stats.throttled(),
                        stats.fullCalls(), acceptedOverAll),
                quota, result.cycles().stream().map(Object::toString).toList(), tally.rejectedListed(),
                fileNameOnly(attempt.folder()) + ".results.csv", attempt.delta().summary(), attempt.schema(),
                unique(summary));
    }

    /**
     * Writes the run's results.csv, report.json and report.html, records its meters and logs its one summary line.
     * The page is for people: failing to write it is logged and does not fail the run.
     */
    void publish(String folder, RunReport report, Path resultsFile) {
        byte[] json = json(report);
        zone.writeProcessed(folder + ".results.csv", resultsFile);
        zone.writeProcessed(folder + ".report.json", json);
        try {
            ReportPages.publish(zone.processed(), folder, mapper.readTree(json), resultsFile);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not write processed/%s.report.html: %s", folder, e.getMessage());
        }
        metrics.record(report);
        String line = RunSummaryLine.of(report, folder + ".report.json", mapper);
        if (RunSummaryLine.isWarning(report)) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
    }

    private static Map<String, Long> byReason(ExtractSummary summary) {
        Map<String, Long> byReason = new LinkedHashMap<>();
        summary.rejectedByReason().forEach((reason, count) -> byReason.put(reason.name(), count));
        return byReason;
    }

    private static RunReport.Quota quota(DailyQuota.Usage usage) {
        return new RunReport.Quota(usage.used(), usage.budget(), usage.remaining());
    }

    private static String fileNameOnly(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private byte[] json(RunReport report) {
        try {
            return mapper.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsBytes(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
