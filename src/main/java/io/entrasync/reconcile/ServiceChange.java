package io.entrasync.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The log entries of one change (one {@code changeId}): the user's own entry and, when a reference it skipped was
 * resolved later in the same cycle, the follow-up that sets it. {@link OutcomeRules} decides what they mean.
 */
final class ServiceChange {

    private final String changeId;
    private final String externalId;
    private final List<LogEntryView> entries = new ArrayList<>();
    private Instant time;
    private String cycleId;

    ServiceChange(String changeId, String externalId) {
        this.changeId = changeId;
        this.externalId = externalId;
    }

    void add(LogEntryView entry) {
        if (entries.contains(entry)) {
            return; // the same entry read again in an overlapping window
        }
        entries.add(entry);
        if (time == null || entry.time().isBefore(time)) {
            time = entry.time();
        }
        if (cycleId == null) {
            cycleId = entry.cycleId();
        }
    }

    String changeId() {
        return changeId;
    }

    String externalId() {
        return externalId;
    }

    /** The earliest entry's time: when the service processed the change. */
    Instant time() {
        return time;
    }

    /** The change's cycle, null when the entries carry none. */
    String cycleId() {
        return cycleId;
    }

    OutcomeRules.Verdict verdict() {
        return OutcomeRules.of(changeId, entries);
    }
}
