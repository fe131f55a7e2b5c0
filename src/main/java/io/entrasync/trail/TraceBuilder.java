package io.entrasync.trail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.entrasync.report.RecordOutcome;

/** Turns one person's trail events and the source's run events into the {@link Trace} a person reads. */
final class TraceBuilder {

    /**
     * A change of a person whose trail holds no values sent before it (the trail began after they were last sent, e.g.
     * after upgrading): what changed is not known, so no attribute is claimed as new.
     */
    static final String FIRST_SINCE_TRAIL = "first change recorded since the trail began (the values sent before it "
            + "were not kept; 'now' lists the values sent)";
    /** Results of a decision that was not sent after all: the values last sent stay those before it. */
    private static final Set<String> NOT_SENT = Set.of(RecordOutcome.HELD.label(), RecordOutcome.DEFERRED.label(),
            RecordOutcome.FAILED.label());
    /** The start of a decision's detail in a due run (run/DueRuns), and its label. */
    static final String CAME_DUE = "came due";

    private TraceBuilder() {
    }

    static Trace build(String source, String externalId, TrailReader.Read read) {
        List<TrailEvent> events = new ArrayList<>(read.events());
        events.sort(Comparator.comparing(TrailEvent::at));
        List<Trace.Entry> entries = new ArrayList<>();
        Map<String, String> lastValues = null;
        Map<String, String> beforeDecision = null;
        String decidedRun = null;
        String lastVerdict = null;
        TrailEvent latestOutcome = null;
        for (TrailEvent event : events) {
            String file = fileOf(read.runs(), event.run());
            switch (event.type()) {
                case TrailEvent.DECIDED -> {
                    boolean noBase = lastValues == null && event.values() != null && !"create".equals(event.outcome());
                    List<Trace.Change> changes = event.values() == null || noBase ? null
                            : diff(lastValues, event.values());
                    if (event.values() != null) {
                        beforeDecision = lastValues;
                        decidedRun = event.run();
                        lastValues = event.values();
                    }
                    entries.add(new Trace.Entry(event.at(), event.run(), file, decisionLabel(event),
                            event.outcome(), event.position(), noBase ? event.detail() + "; " + FIRST_SINCE_TRAIL
                                    : event.detail(), changes));
                }
                case TrailEvent.RESULT, TrailEvent.VERDICT -> {
                    latestOutcome = event;
                    if (NOT_SENT.contains(event.outcome()) && Objects.equals(decidedRun, event.run())) {
                        lastValues = beforeDecision; // decided, but held, deferred or refused: never sent
                        decidedRun = null;
                    }
                    boolean service = fromService(event.outcome());
                    if (service) {
                        lastVerdict = event.outcome() + ": " + event.detail();
                    }
                    entries.add(new Trace.Entry(event.at(), event.run(), file, resultLabel(event, service),
                            event.outcome(), event.position(), event.detail(), null));
                }
                default -> {
                    // run events are read separately
                }
            }
        }
        entries.addAll(carriedUnchanged(events, read.runs()));
        entries.sort(Comparator.comparing(Trace.Entry::at).reversed());
        if (entries.isEmpty()) {
            return new Trace(source, externalId, false, null, List.of(), noTrail(source, externalId, read.runs()));
        }
        String lastRun = events.isEmpty() ? null : events.get(events.size() - 1).run();
        return new Trace(source, externalId, true, new Trace.Standing(lastValues, lastVerdict, open(latestOutcome),
                lastRun), entries, null);
    }

    private static String decisionLabel(TrailEvent decided) {
        if (decided.detail() != null && decided.detail().startsWith(CAME_DUE)) {
            return CAME_DUE;
        }
        return switch (decided.outcome()) {
            case "create" -> "new";
            case "update" -> "changed";
            case "retry" -> "re-sent";
            case "full" -> "sent by a full run";
            default -> decided.outcome();
        };
    }

    private static String resultLabel(TrailEvent event, boolean service) {
        if (RecordOutcome.REJECTED.label().equals(event.outcome())) {
            return "rejected";
        }
        if (event.detail() != null && event.detail().startsWith("leaver:")) {
            return "leaver";
        }
        if (event.position() != null && event.position() == 0 && RecordOutcome.UNCHANGED.label().equals(
                event.outcome())) {
            return "missing from a complete extract";
        }
        return service ? "service verdict" : TrailEvent.VERDICT.equals(event.type()) ? "reconciliation"
                : "run outcome";
    }

    static boolean fromService(String label) {
        for (RecordOutcome outcome : RecordOutcome.values()) {
            if (outcome.label().equals(label)) {
                return outcome.fromService();
            }
        }
        return false;
    }

    private static String open(TrailEvent latest) {
        if (latest == null) {
            return null;
        }
        String outcome = latest.outcome();
        if (RecordOutcome.ACCEPTED.label().equals(outcome)) {
            return "sent in run " + latest.run() + "; waiting for its provisioning-log entry";
        }
        if (RecordOutcome.HELD.label().equals(outcome)) {
            return "held by the mass-change guard in run " + latest.run() + ": " + latest.detail();
        }
        if (RecordOutcome.DEFERRED.label().equals(outcome)) {
            return "deferred by the daily quota in run " + latest.run() + "; it goes out with the next run";
        }
        return null;
    }

    /** Old → new for every attribute that differs; with no earlier values, every attribute is new. */
    static List<Trace.Change> diff(Map<String, String> before, Map<String, String> after) {
        Map<String, String> old = before == null ? Map.of() : before;
        TreeSet<String> names = new TreeSet<>(old.keySet());
        names.addAll(after.keySet());
        List<Trace.Change> changes = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(old.get(name), after.get(name))) {
                changes.add(new Trace.Change(name, old.get(name), after.get(name)));
            }
        }
        return changes;
    }

    /**
     * Complete extracts after the person's first event in which the trail holds nothing for them: they were carried
     * unchanged (not while they stand disabled as a leaver). Consecutive ones make one entry.
     */
    private static List<Trace.Entry> carriedUnchanged(List<TrailEvent> events, Map<String, TrailEvent> runs) {
        List<Trace.Entry> entries = new ArrayList<>();
        if (events.isEmpty()) {
            return entries;
        }
        Instant first = events.get(0).at();
        List<TrailEvent> completeRuns = runs.values().stream()
                .filter(run -> Boolean.TRUE.equals(run.complete()) && !"unusable".equals(run.status())
                        && run.at().isAfter(first))
                .sorted(Comparator.comparing(TrailEvent::at)).toList();
        List<TrailEvent> stretch = new ArrayList<>();
        for (TrailEvent run : completeRuns) {
            boolean touched = events.stream().anyMatch(event -> run.run().equals(event.run()));
            if (touched || leaverBefore(events, run.at())) {
                addStretch(entries, stretch);
            } else {
                stretch.add(run);
            }
        }
        addStretch(entries, stretch);
        return entries;
    }

    private static boolean leaverBefore(List<TrailEvent> events, Instant at) {
        TrailEvent latest = null;
        for (TrailEvent event : events) {
            if (event.at().isBefore(at) && !TrailEvent.VERDICT.equals(event.type())) {
                latest = event;
            }
        }
        return latest != null && latest.detail() != null && latest.detail().startsWith("leaver:");
    }

    private static void addStretch(List<Trace.Entry> entries, List<TrailEvent> stretch) {
        if (stretch.isEmpty()) {
            return;
        }
        TrailEvent last = stretch.get(stretch.size() - 1);
        String detail = stretch.size() == 1 ? "in the complete extract " + last.file() + "; nothing to send"
                : "in " + stretch.size() + " complete extracts, " + stretch.get(0).file() + " (run "
                        + stretch.get(0).run() + ") to " + last.file() + "; nothing to send";
        entries.add(new Trace.Entry(last.at(), last.run(), last.file(), "carried unchanged",
                RecordOutcome.UNCHANGED.label(), null, detail, null));
        stretch.clear();
    }

    private static String fileOf(Map<String, TrailEvent> runs, String run) {
        TrailEvent event = runs.get(run);
        return event == null ? null : event.file();
    }

    private static String noTrail(String source, String externalId, Map<String, TrailEvent> runs) {
        String since = runs.values().stream().map(TrailEvent::at).min(Comparator.naturalOrder())
                .map(at -> "its trail starts at " + at + " (the first run after the trail was installed)")
                .orElse("it has no trail at all yet (no run since the trail was installed)");
        return "The trail of source " + source + " holds nothing for externalId " + externalId + "; " + since
                + ". This can mean: the person was never in an extract or API read of this source since then; or "
                + "only before the retention (sync.trail.retention, 400 days by default); or the mapping gives "
                + "them a different externalId. Check the externalId expression of the source's mapping, try "
                + "'trace --source " + source + " --user-name UPN' or '--name TEXT', and look for the person in "
                + "processed/" + source + "/ (results.csv of each run).";
    }
}
