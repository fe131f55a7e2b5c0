package io.entrasync.run;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.entrasync.report.RecordOutcome;
import io.entrasync.report.ResultLine;
import io.entrasync.report.ResultsCsvWriter;
import io.entrasync.report.RunReport;
import io.entrasync.validate.RejectedRecord;

/**
 * The outcomes of one attempt as they are decided: each line goes to results.csv and is counted by outcome in the
 * same step, and the first {@link RunReport#REJECTED_LISTED} rejected records are kept for the report.
 */
final class RunTally {

    private final ResultsCsvWriter results;
    private final Map<RecordOutcome, Long> byOutcome = new EnumMap<>(RecordOutcome.class);
    private final List<RunReport.Rejected> rejectedListed = new ArrayList<>();

    RunTally(ResultsCsvWriter results) {
        this.results = results;
    }

    void write(ResultLine line) {
        byOutcome.merge(line.outcome(), 1L, Long::sum);
        results.write(line);
    }

    void rejected(RejectedRecord rejected) {
        write(new ResultLine(rejected.position(), rejected.externalId(), RecordOutcome.REJECTED,
                rejected.describe()));
        if (rejectedListed.size() < RunReport.REJECTED_LISTED) {
            rejectedListed.add(new RunReport.Rejected(rejected.position(), rejected.externalId(), rejected.field(),
                    rejected.describe()));
        }
    }

    long get(RecordOutcome outcome) {
        return byOutcome.getOrDefault(outcome, 0L);
    }

    Map<String, Long> asLabels() {
        Map<String, Long> labels = new LinkedHashMap<>();
        byOutcome.forEach((outcome, count) -> labels.put(outcome.label(), count));
        return labels;
    }

    List<RunReport.Rejected> rejectedListed() {
        return rejectedListed;
    }
}
