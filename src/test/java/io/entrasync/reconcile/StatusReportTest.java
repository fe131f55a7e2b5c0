package io.entrasync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.entrasync.report.RecordOutcome;

class StatusReportTest {

    @Test
    void theCreatedColumnCountsAccountsCreatedDisabled() {
        StatusReport report = new StatusReport("hr", List.of(new StatusReport.RunLine("run-1", "r.report.json",
                "complete", 5, 0, 0, Map.of(RecordOutcome.CREATED, 2L, RecordOutcome.CREATED_DISABLED, 3L), "")),
                List.of());
        StringWriter out = new StringWriter();

        report.print(new PrintWriter(out));

        String runLine = out.toString().lines().filter(line -> line.startsWith("run-1")).findFirst().orElseThrow();
        assertThat(runLine.trim().split("\\s+")).containsSequence("run-1", "complete", "5", "0", "0", "5");
    }

    @Test
    void theUpdatedColumnCountsAccountsUpdatedWhileDisabled() {
        StatusReport report = new StatusReport("hr", List.of(new StatusReport.RunLine("run-1", "r.report.json",
                "complete", 7, 0, 0, Map.of(RecordOutcome.CREATED, 2L, RecordOutcome.UPDATED, 1L,
                        RecordOutcome.UPDATED_DISABLED, 4L), "")),
                List.of());
        StringWriter out = new StringWriter();

        report.print(new PrintWriter(out));

        String runLine = out.toString().lines().filter(line -> line.startsWith("run-1")).findFirst().orElseThrow();
        assertThat(runLine.trim().split("\\s+")).containsSequence("run-1", "complete", "7", "0", "0", "2", "5");
    }
}
