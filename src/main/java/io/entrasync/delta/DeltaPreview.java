package io.entrasync.delta;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.entrasync.mapping.Mapping;
import io.entrasync.report.RunReport;
import io.entrasync.scim.ScimUser;
import io.entrasync.source.ExtractInput;
import io.entrasync.validate.DirectoryCheck;
import io.entrasync.validate.ExtractOutcome;
import io.entrasync.validate.ExtractPipeline;
import io.entrasync.validate.ExtractSummary;
import io.entrasync.validate.ProgressListener;
import io.entrasync.validate.UniqueSummary;

/**
 * What a run of an extract would do against the source's current snapshot, without sending or saving anything: the
 * {@code plan} command.
 *
 * @param plan the counts and the guard's verdict, as the run report would show them
 * @param examples the first externalIds per kind (create, update, retry, disable, rejected)
 * @param rows rows in the extract
 * @param comingDue records whose result changes on a date within {@link #COMING_DAYS} days (the mapping reads
 *        {@code today}), earliest first: "externalId on date"
 * @param unique how the mapping's unique values would be given, against those the source gave before
 * @param held pre-hires not sent yet (the mapping's {@code options.preHire}); they come due on their day
 */
public record DeltaPreview(RunReport.Plan plan, Map<String, List<String>> examples, long rows,
        List<String> comingDue, List<UniqueSummary> unique, long held) {

    /** How far ahead the plan lists the changes that come due. */
    public static final int COMING_DAYS = 14;

    /**
     * The plan at {@code clock}'s time: {@code today} in the mapping and the days listed as coming due both read it,
     * so a test can move time.
     */
    public static DeltaPreview of(DeltaRun run, ExtractInput input, Mapping source, int listed, Clock clock) {
        return of(run, input, source, listed, clock, DirectoryCheck.OFF);
    }

    /** The plan, the values given for the first time looked up in the directory by {@code directory}. */
    public static DeltaPreview of(DeltaRun run, ExtractInput input, Mapping source, int listed, Clock clock,
            DirectoryCheck directory) {
        Mapping mapping = source.at(clock);
        Map<DeltaRun.Kind, List<String>> byKind = new EnumMap<>(DeltaRun.Kind.class);
        List<String> rejected = new ArrayList<>();
        List<String> held = new ArrayList<>();
        long[] heldCount = {0};
        Instant until = clock.instant().plus(Duration.ofDays(COMING_DAYS));
        TreeMap<String, String> coming = new TreeMap<>();
        ExtractSummary summary = ExtractPipeline.process(input, mapping,
                new ExtractPipeline.Unique(run.claims(), directory), outcome -> {
            if (outcome.comingChange() != null && outcome.comingChange().at().isBefore(until)) {
                coming.put(outcome.comingChange().at() + " " + outcome.externalId(), outcome.externalId() + " on "
                        + outcome.comingChange().at().atZone(mapping.timeZone()).toLocalDate());
            }
            if (outcome instanceof ExtractOutcome.Valid valid && valid.held() != null) {
                run.present(valid.externalId());
                if (heldCount[0]++ < listed) {
                    held.add(valid.externalId());
                }
            } else if (outcome instanceof ExtractOutcome.Valid valid) {
                DeltaRun.Decision decision = run.classify(valid.user());
                List<String> ids = byKind.computeIfAbsent(decision.kind(), kind -> new ArrayList<>());
                if (ids.size() < listed) {
                    ids.add(valid.externalId());
                }
            } else {
                run.present(outcome.externalId());
                if (rejected.size() < listed) {
                    rejected.add("line " + outcome.position() + (outcome.externalId().isEmpty() ? ""
                            : " (" + outcome.externalId() + ")"));
                }
            }
        }, ProgressListener.NONE);
        List<String> disables = run.leavers().stream().map(ScimUser::externalId).limit(listed).toList();
        run.guard(summary.recordsRead());
        Map<String, List<String>> examples = new LinkedHashMap<>();
        examples.put("creates", byKind.getOrDefault(DeltaRun.Kind.CREATE, List.of()));
        examples.put("updates", byKind.getOrDefault(DeltaRun.Kind.UPDATE, List.of()));
        examples.put("retried", byKind.getOrDefault(DeltaRun.Kind.RETRY, List.of()));
        examples.put("disables", disables);
        examples.put("rejected", rejected);
        examples.put("held", held);
        return new DeltaPreview(run.summary(), examples, summary.recordsRead(),
                coming.values().stream().limit(Math.max(listed, 1) * 10L).toList(), summary.unique(), heldCount[0]);
    }

    /** The plan for people. */
    public void print(PrintWriter out) {
        out.printf("Plan (%s), against %d active record(s) in the snapshot; %d row(s) in the extract%n", plan.mode(),
                plan.snapshotRecords(), rows);
        out.printf("  creates   %8d%s%n", plan.creates(), list("creates"));
        out.printf("  updates   %8d%s%n", plan.updates(), list("updates"));
        out.printf("  retried   %8d%s%n", plan.retried(), list("retried"));
        out.printf("  unchanged %8d%s%n", plan.unchanged(), plan.mode().startsWith("full") ? " (sent: full run)" : "");
        out.printf("  disables  %8d%s%n", plan.disables(), list("disables"));
        out.printf("  waiting leavers %2d (missing, within the grace)%n", plan.waitingLeavers());
        out.printf("  rejected  %8d%s%n", plan.rejected(), list("rejected"));
        if (held > 0) {
            out.printf("  held      %8d%s (pre-hires not sent before options.preHire.sendDaysAhead; they come due)%n",
                    held, list("held"));
        }
        out.printf("Leavers: %s%n", plan.leavers());
        unique.forEach(values -> out.println(values.describe()));
        if (!comingDue.isEmpty()) {
            out.printf("Comes due in the next %d days (sent again then by the resume timer): %s%n", COMING_DAYS,
                    String.join(", ", comingDue));
        }
        if (plan.holdReasons().isEmpty()) {
            out.println("Mass-change guard: within limits; a run would send this.");
        } else {
            out.println("Mass-change guard: a run would be HELD until approved:");
            plan.holdReasons().forEach(reason -> out.println("  - " + reason));
        }
        out.flush();
    }

    private String list(String kind) {
        List<String> ids = examples.getOrDefault(kind, List.of());
        return ids.isEmpty() ? "" : "  e.g. " + String.join(", ", ids);
    }
}
