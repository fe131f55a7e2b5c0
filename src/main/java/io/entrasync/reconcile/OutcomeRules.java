package io.entrasync.reconcile;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.entrasync.report.RecordOutcome;

/**
 * The one home of the rules that turn the service's provisioning-log entries into a record's outcome. They follow the
 * entries Microsoft publishes for API-driven inbound provisioning (AzureAD/entra-id-inbound-provisioning,
 * Samples/InboundAPI_logSample.txt) and the Graph reference of provisioningObjectSummary:
 * <ul>
 * <li>a change's verdict comes from its <b>main entry</b> (the one with import/matching steps); a follow-up with the
 * same changeId that only sets the manager confirms the reference and never turns a create into an update;</li>
 * <li>a {@code processing} step {@code EntrySynchronizationSkip} with a {@code SkipReason} on a successful entry means
 * the user was written without that reference: with no follow-up setting it, the record is {@code warning};</li>
 * <li>the first change at or after a send decides; later changes of the same cycle refine it (create then update =
 * created);</li>
 * <li>a status, action or step type the service did not document is reported as such, never guessed a success.</li>
 * </ul>
 */
final class OutcomeRules {

    static final Set<String> KNOWN_STATUSES = Set.of("success", "failure", "skipped", "warning");
    static final Set<String> KNOWN_ACTIONS = Set.of("create", "update", "disable", "delete", "stagedDelete", "other");
    static final Set<String> KNOWN_STEP_TYPES = Set.of("import", "scoping", "matching", "processing",
            "referenceresolution", "export");

    private OutcomeRules() {
    }

    /**
     * The service's verdict on a send.
     *
     * @param outcome created, updated, enabled, disabled, skipped, warning or service-failed
     * @param detail the service's words, for people (with what to do)
     * @param errorCode a failure's code, or the SkipReason of a reference that was not set; null otherwise
     * @param errorCategory {@code failure} (transient) or {@code nonServiceFailure}, null without a failure
     * @param recommendedAction the service's recommended action, null without one
     * @param achievedAction what the user's own export achieved although the change failed or was incomplete
     *        (create, update, disable), or null
     * @param unresolvedReference the value of a reference that was not set (the manager's externalId), or null
     * @param managerSet the change set the user's manager
     */
    record Verdict(RecordOutcome outcome, String detail, String errorCode, String errorCategory,
            String recommendedAction, String achievedAction, String unresolvedReference, boolean managerSet) {

        Verdict withDetail(String newDetail) {
            return new Verdict(outcome, newDetail, errorCode, errorCategory, recommendedAction, achievedAction,
                    unresolvedReference, managerSet);
        }
    }

    /** The verdict of one change from all its entries (any order). */
    static Verdict of(String changeId, List<LogEntryView> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a change has at least one entry");
        }
        List<LogEntryView> byTime = entries.stream().sorted(Comparator.comparing(LogEntryView::time)).toList();
        int mainIndex = IntStream.range(0, byTime.size()).filter(i -> !byTime.get(i).referenceFollowUp()).findFirst()
                .orElse(-1);
        LogEntryView main = mainIndex < 0 ? null : byTime.get(mainIndex);
        List<LogEntryView> followUps = IntStream.range(0, byTime.size()).filter(i -> i != mainIndex)
                .mapToObj(byTime::get).toList();
        Instant time = byTime.get(0).time();
        String when = " (" + time + ", change " + changeId + ")";

        String unknown = unknownWords(byTime);
        LogEntryView failure = byTime.stream().filter(LogEntryView::failed).findFirst().orElse(null);
        if (failure != null) {
            String achieved = main != null && !main.failed() && isWrite(main.action()) ? main.action() : null;
            StringBuilder detail = new StringBuilder();
            if (achieved != null) {
                detail.append("user ").append(past(achieved)).append(", but ");
            }
            detail.append(failure.errorCode() == null ? "failed" : failure.errorCode()).append(": ")
                    .append(failure.reason() == null ? "no reason given" : failure.reason().strip());
            if (failure.recommendedAction() != null) {
                detail.append(" What to do: ").append(failure.recommendedAction());
            }
            detail.append(when);
            return new Verdict(RecordOutcome.SERVICE_FAILED, detail.toString(), failure.errorCode(),
                    failure.errorCategory(), failure.recommendedAction(), achieved, null, false);
        }
        if (unknown != null) {
            return new Verdict(RecordOutcome.WARNING, "the service reported " + unknown + ", which this tool does not"
                    + " know; it is not counted as a success: read the provisioning-log entry" + when, null, null,
                    null, null, null, false);
        }
        String managerSet = followUps.stream().map(entry -> entry.setValue("manager"))
                .filter(value -> value != null).findFirst().orElse(null);
        if (main == null) {
            return managerSet != null ? withManager(RecordOutcome.UPDATED, "manager set in Entra ID" + when)
                    : plain(RecordOutcome.SKIPPED, "nothing changed in Entra ID" + when);
        }
        if ("warning".equals(main.status())) {
            return plain(RecordOutcome.WARNING, "warning: " + (main.reason() != null ? main.reason()
                    : describe(main)) + when);
        }
        if ("skipped".equals(main.status()) || "other".equals(main.action())) {
            if (managerSet != null) {
                return withManager(RecordOutcome.UPDATED, "manager set in Entra ID" + when);
            }
            LogEntryView.Step reference = skippedReference(main);
            if (reference != null) {
                return skippedReferenceVerdict("unchanged in Entra ID", reference, null, when);
            }
            return plain(RecordOutcome.SKIPPED, "up to date in Entra ID, nothing changed" + skipReasons(main) + when);
        }
        RecordOutcome outcome = writeOutcome(main);
        String done = switch (outcome) {
            case CREATED_DISABLED -> "created in Entra ID, disabled (accountEnabled false: active was false)";
            case UPDATED_DISABLED -> "updated in Entra ID, still disabled (active was false)";
            default -> outcome.label() + " in Entra ID";
        };
        // A reference the service skipped on this change, unless a follow-up of the same change set it.
        LogEntryView.Step reference = skippedReference(main);
        if (reference != null) {
            String property = reference.propertyName() == null ? "a reference" : reference.propertyName();
            if (followUps.stream().anyMatch(entry -> entry.setValue(property) != null)) {
                return withManager(outcome, done + "; its " + property + " was set by the follow-up of the same"
                        + " change" + when);
            }
            return skippedReferenceVerdict(done, reference, main.action(), when);
        }
        if (managerSet != null || main.setValue("manager") != null) {
            return withManager(outcome, done + "; manager set" + when);
        }
        return plain(outcome, done + when);
    }

    /**
     * A later change of the same externalId in the same cycle as the change that decided: it refines the verdict but
     * does not replace it (a create followed by an update is a create). A failure or a disable is kept; a later
     * change that sets the reference the first one skipped resolves its warning.
     */
    static Verdict refine(Verdict first, Verdict later) {
        if (later.outcome() == RecordOutcome.SERVICE_FAILED && first.outcome() != RecordOutcome.SERVICE_FAILED) {
            String achieved = first.achievedAction() != null ? first.achievedAction() : actionOf(first.outcome());
            return new Verdict(later.outcome(), first.detail() + "; then " + later.detail(), later.errorCode(),
                    later.errorCategory(), later.recommendedAction(), achieved, null, false);
        }
        if (first.unresolvedReference() != null && first.outcome() == RecordOutcome.WARNING
                && later.managerSet()) {
            RecordOutcome achieved = "create".equals(first.achievedAction()) ? RecordOutcome.CREATED
                    : RecordOutcome.UPDATED;
            return new Verdict(achieved, achieved.label() + " in Entra ID; its manager was set by a later change of"
                    + " the same cycle: " + later.detail(), null, null, null, first.achievedAction(), null, true);
        }
        if (later.outcome() == RecordOutcome.DISABLED && first.outcome() != RecordOutcome.DISABLED) {
            return later.withDetail(first.detail() + "; then " + later.detail());
        }
        return first.withDetail(first.detail() + "; then " + later.detail());
    }

    /** A {@code processing} step that skipped a reference ({@code EntrySynchronizationSkip} with a SkipReason). */
    private static LogEntryView.Step skippedReference(LogEntryView main) {
        return main.steps().stream().filter(step -> step.type().equals("processing") && step.skipReason() != null)
                .findFirst().orElse(null);
    }

    private static Verdict skippedReferenceVerdict(String done, LogEntryView.Step step, String achieved, String when) {
        String property = step.propertyName() == null ? "a reference" : step.propertyName();
        String value = step.skippedValue();
        String detail = done + ", but its " + property + (value == null ? "" : " " + value) + " was not set: "
                + step.skipReason() + (ReconcileSettings.UNRESOLVED_REFERENCE.equals(step.skipReason())
                        ? unprocessedReference(property, value)
                        : " — " + step.description().strip())
                + when;
        return new Verdict(RecordOutcome.WARNING, detail, step.skipReason(), null, null, achieved, value, false);
    }

    private static String unknownWords(List<LogEntryView> entries) {
        for (LogEntryView entry : entries) {
            if (!KNOWN_STATUSES.contains(entry.status())) {
                return "status '" + entry.status() + "'";
            }
            if (!KNOWN_ACTIONS.contains(entry.action())) {
                return "provisioningAction '" + entry.action() + "'";
            }
            for (LogEntryView.Step step : entry.steps()) {
                if (!KNOWN_STEP_TYPES.contains(step.type())) {
                    return "a step of type '" + step.type() + "' (" + step.name() + ")";
                }
                if (!step.status().isEmpty() && !KNOWN_STATUSES.contains(step.status())) {
                    return "step " + step.name() + " with status '" + step.status() + "'";
                }
            }
        }
        return null;
    }

    private static String skipReasons(LogEntryView entry) {
        return entry.steps().stream().filter(step -> step.skipReason() != null).map(step -> " (" + step.skipReason()
                + ")").findFirst().orElse("");
    }

    /** Why an unresolved reference was skipped when nothing more is known of the user it names. */
    private static String unprocessedReference(String property, String value) {
        return " — no user with externalId " + (value == null ? "?" : value) + " has been processed by this"
                + " provisioning job. It is set once that " + property + " has been sent through this job and this"
                + " record is sent again";
    }

    /**
     * The warning of a record whose manager's own operation failed in a run this pass knows: it names that failure
     * (the manager's externalId, outcome and reason) instead of "no user has been processed", so the person reading
     * it fixes the manager's record first.
     */
    static Verdict managerFailed(Verdict warning, String managerOutcome, String managerDetail) {
        String manager = warning.unresolvedReference();
        String reason = managerDetail == null ? "" : managerDetail.strip();
        if (reason.length() > MANAGER_REASON_MAX) {
            reason = reason.substring(0, MANAGER_REASON_MAX) + "…";
        }
        String instead = " — the manager's own operation failed: " + manager + " is " + managerOutcome
                + (reason.isEmpty() ? "" : " (" + reason + ")") + ". Fix the manager's record first; this"
                + " record's manager is set once the manager succeeds and this record is sent again";
        return warning.withDetail(warning.detail().replace(unprocessedReference("manager", manager), instead));
    }

    /**
     * A conflict on a unique property (Microsoft's {@code AzureActiveDirectoryConflictEntry}: "another object with the
     * same value for property userPrincipalName already exists") whose value the mapping made: the detail names the
     * mapping entry and line ({@code LedgerRun.ruleOrigins}), so the mapping owner, not HR, knows what to change.
     */
    static Verdict madeByMapping(Verdict verdict, Map<String, String> ruleOrigins) {
        if (verdict.outcome() != RecordOutcome.SERVICE_FAILED || ruleOrigins.isEmpty()
                || !CONFLICT.matcher(verdict.detail()).find()) {
            return verdict;
        }
        String text = verdict.detail().toLowerCase(Locale.ROOT);
        String property = text.contains("mailnickname") ? "mailNickname"
                : text.contains("userprincipalname") ? "userPrincipalName"
                : text.contains("proxyaddresses") || text.contains(" mail") ? "mail" : null;
        String origin = property == null ? null : ruleOrigins.get(property);
        if (origin == null) {
            return verdict;
        }
        return verdict.withDetail(verdict.detail() + " The " + property + " was made by the mapping's " + origin
                + ": for the mapping owner, not HR.");
    }

    /** A value the service refused as taken by another object: who fixes it depends on who made the value. */
    static boolean isConflict(Verdict verdict) {
        return CONFLICT.matcher(verdict.detail()).find();
    }

    private static final Pattern CONFLICT = Pattern.compile("conflictentry|duplicateuserprincipalname",
            Pattern.CASE_INSENSITIVE);

    /**
     * The warning of a record whose manager the same run did not send ({@code why}: "rejected by validation: …"): it
     * names the manager and why instead of "no user has been processed", so HR fixes the manager's record first.
     */
    static Verdict managerNotSent(Verdict warning, String why) {
        String manager = warning.unresolvedReference();
        String instead = " — the manager was not sent by this run: " + manager + " was " + why.strip() + ". Fix the"
                + " manager's record first; this record's manager is set once the manager is sent and this record is"
                + " sent again";
        return warning.withDetail(warning.detail().replace(unprocessedReference("manager", manager), instead));
    }

    /** How much of the manager's failure a dependent record's detail repeats. */
    private static final int MANAGER_REASON_MAX = 300;

    /** What a successful write did, as its action and modified accountEnabled say. */
    private static RecordOutcome writeOutcome(LogEntryView main) {
        return switch (main.action()) {
            case "create" -> "false".equalsIgnoreCase(main.setValue("accountEnabled")) ? RecordOutcome.CREATED_DISABLED
                    : RecordOutcome.CREATED;
            case "disable", "delete", "stagedDelete" -> RecordOutcome.DISABLED;
            default -> main.accountEnabledFrom(false) ? RecordOutcome.ENABLED
                    : main.accountEnabledFrom(true) ? RecordOutcome.DISABLED
                    : main.sentInactive() ? RecordOutcome.UPDATED_DISABLED : RecordOutcome.UPDATED;
        };
    }

    private static String describe(LogEntryView entry) {
        return entry.steps().stream().filter(step -> "warning".equals(step.status()))
                .map(LogEntryView.Step::description)
                .findFirst().orElse(entry.action());
    }

    private static boolean isWrite(String action) {
        return "create".equals(action) || "update".equals(action) || "disable".equals(action);
    }

    private static String actionOf(RecordOutcome outcome) {
        return switch (outcome) {
            case CREATED, CREATED_DISABLED -> "create";
            case DISABLED -> "disable";
            case UPDATED, UPDATED_DISABLED, ENABLED -> "update";
            default -> null;
        };
    }

    private static String past(String action) {
        return action.endsWith("e") ? action + "d" : action + "ed";
    }

    private static Verdict plain(RecordOutcome outcome, String detail) {
        return new Verdict(outcome, detail, null, null, null, null, null, false);
    }

    private static Verdict withManager(RecordOutcome outcome, String detail) {
        return new Verdict(outcome, detail, null, null, null, null, null, true);
    }
}
