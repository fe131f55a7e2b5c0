package io.entrasync.report;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one structured log line each run writes when its report is written: a JSON object with {@code event} =
 * {@value #EVENT}, so that one query finds every run in Application Insights' {@code traces}
 * (<code>traces | where message startswith '{"event":"EntraInboundSyncRunFinished"'</code>; docs/monitoring.md).
 */
public final class RunSummaryLine {

    public static final String EVENT = "EntraInboundSyncRunFinished";

    private RunSummaryLine() {
    }

    /** Whether the line should be logged as a warning: the run did not complete (deferred, held, failed, running). */
    public static boolean isWarning(RunReport report) {
        return !"completed".equals(report.status());
    }

    public static String of(RunReport report, String reportName, ObjectMapper mapper) {
        ObjectNode line = mapper.createObjectNode();
        line.put("event", EVENT);
        line.put("source", report.source());
        line.put("runId", report.runId());
        line.put("file", report.file());
        line.put("status", report.status());
        if (report.detail() != null && !report.detail().isEmpty()) {
            line.put("detail", report.detail());
        }
        line.put("attempts", report.attempts());
        RunReport.Records records = report.records();
        if (records != null) {
            line.put("read", records.read());
            line.put("rejected", records.rejected());
            line.put("unchanged", records.unchanged());
            line.put("accepted", records.accepted());
            line.put("failed", records.failed());
            line.put("deferred", records.deferred());
            ObjectNode outcomes = line.putObject("outcomes");
            if (records.byOutcome() != null) {
                records.byOutcome().forEach(outcomes::put);
            }
        }
        RunReport.Calls calls = report.calls();
        if (calls != null) {
            line.put("calls", calls.total());
            line.put("callsAccepted", calls.accepted());
            line.put("retries", calls.retries());
            line.put("throttled", calls.throttled());
        }
        if (report.quota() != null) {
            line.put("quotaLeft", report.quota().left());
        }
        RunReport.Schema schema = report.schema();
        if (schema != null && schema.checked() && !schema.dropped().isEmpty()) {
            schema.dropped().forEach(dropped -> line.withArray("schemaDropped").add(dropped.attribute()));
        } else if (schema != null && !schema.checked()) {
            line.put("schemaNotChecked", schema.notDone());
        }
        if (report.startedAt() != null && report.finishedAt() != null) {
            line.put("durationMs", Duration.between(report.startedAt(), report.finishedAt()).toMillis());
        }
        line.put("report", reportName);
        return line.toString();
    }
}
