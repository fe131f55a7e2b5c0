package io.entrasync.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.entrasync.report.RecordOutcome;

/**
 * The log entries of one change (one {@code changeId}): a record's own export and, when it names a manager, the
 * reference step. Decides the record's outcome for the send it answers.
 */
final class ServiceChange {

    /**
     * The service's verdict on a send.
     *
     * @param outcome created, updated, enabled, disabled, skipped, warning or service-failed
     * @param detail the service's words (with what to do for a failure)
     * @param errorCode the failure's code, null otherwise
     * @param errorCategory {@code failure} (transient) or {@code nonServiceFailure}, null without a failure
     * @param recommendedAction the service's recommended action, null without one
     * @param achievedAction what the user's own export achieved although the change failed (create or update), or null
     */
    record Verdict(RecordOutcome outcome, String detail, String errorCode, String errorCategory,
            String recommendedAction, String achievedAction) {
    }

    private final String changeId;
    private final String externalId;
    private final List<LogEntryView> entries = new ArrayList<>();
    private Instant time;

    ServiceChange(String changeId, String externalId) {
        this.changeId = changeId;
        this.externalId = externalId;
    }

    void add(LogEntryView entry) {
        for (LogEntryView known : entries) {
            if (known.equals(entry)) {
                return; // the same entry read again in an overlapping window
            }
        }
        entries.add(entry);
        time = time == null || entry.time().isBefore(time) ? entry.time() : time;
    }

    String changeId() {
        return changeId;
    }

    String externalId() {
        return externalId;
    }

    Instant time() {
        return time;
    }

    Verdict verdict() {
        LogEntryView main = entries.stream().filter(entry -> !entry.referenceOnly()).findFirst().orElse(null);
        LogEntryView failure = entries.stream().filter(LogEntryView::failed).findFirst().orElse(null);
        String when = " (" + time + ", change " + changeId + ")";
        if (failure != null) {
            String achieved = main != null && !main.failed() && ("create".equals(main.action())
                    || "update".equals(main.action()) || "disable".equals(main.action())) ? main.action() : null;
            StringBuilder detail = new StringBuilder();
            if (achieved != null) {
                detail.append("user ").append(achieved).append(achieved.endsWith("e") ? "d" : "ed")
                        .append(", but ");
            }
            detail.append(failure.errorCode() == null ? "failed" : failure.errorCode()).append(": ")
                    .append(failure.reason() == null ? "no reason given" : failure.reason());
            if (failure.recommendedAction() != null) {
                detail.append(" What to do: ").append(failure.recommendedAction());
            }
            detail.append(when);
            return new Verdict(RecordOutcome.SERVICE_FAILED, detail.toString(), failure.errorCode(),
                    failure.errorCategory(), failure.recommendedAction(), achieved);
        }
        boolean referenceChanged = entries.stream().anyMatch(LogEntryView::referenceOnly);
        if (main == null) {
            return verdict(RecordOutcome.UPDATED, "manager updated" + when);
        }
        if ("warning".equalsIgnoreCase(main.status())) {
            return verdict(RecordOutcome.WARNING, "warning: " + (main.reason() == null ? main.action() : main.reason())
                    + when);
        }
        if ("skipped".equalsIgnoreCase(main.status()) || "other".equals(main.action())) {
            return referenceChanged ? verdict(RecordOutcome.UPDATED, "manager updated" + when)
                    : verdict(RecordOutcome.SKIPPED, "up to date in Entra ID, nothing changed" + when);
        }
        return switch (main.action()) {
            case "create" -> verdict(RecordOutcome.CREATED, "created in Entra ID" + when);
            case "disable", "delete", "stagedDelete" -> verdict(RecordOutcome.DISABLED, "disabled in Entra ID" + when);
            case "update" -> main.enabledNow() ? verdict(RecordOutcome.ENABLED, "enabled in Entra ID" + when)
                    : verdict(RecordOutcome.UPDATED, "updated in Entra ID" + when);
            default -> verdict(RecordOutcome.UPDATED, main.action() + " in Entra ID" + when);
        };
    }

    private static Verdict verdict(RecordOutcome outcome, String detail) {
        return new Verdict(outcome, detail, null, null, null, null);
    }
}
