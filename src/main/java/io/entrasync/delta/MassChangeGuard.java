package io.entrasync.delta;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a planned run may go ahead on its own. An empty or truncated extract is always held (a broken
 * export must never disable half the company); so is a plan over the configured limits. Nothing of a held run is
 * sent until someone approves it.
 */
final class MassChangeGuard {

    private MassChangeGuard() {
    }

    /**
     * @param rows rows in the extract (valid and rejected)
     * @param snapshotActive active records in the snapshot before the run
     * @return why the run must be held; empty when it may go ahead
     */
    public static List<String> reasons(DeltaSettings.Guard guard, long rows, long snapshotActive, long creates,
            long disables) {
        List<String> reasons = new ArrayList<>();
        if (rows == 0) {
            reasons.add("the extract has no rows (an empty export?)");
        } else if (snapshotActive > 0 && guard.minRowsShare() > 0 && rows < guard.minRowsShare() * snapshotActive) {
            reasons.add(String.format("the extract looks truncated: %d rows against %d active records in the snapshot"
                    + " (fewer than %s; delta.guard.min-rows-share)", rows, snapshotActive,
                    percent(guard.minRowsShare())));
        }
        if (disables > 0 && disables > guard.maxDisableShare() * snapshotActive) {
            reasons.add(String.format("%d disables are more than %s of the %d active records in the snapshot "
                    + "(delta.guard.max-disable-share)", disables, percent(guard.maxDisableShare()), snapshotActive));
        }
        if (guard.maxDisables().isPresent() && disables > guard.maxDisables().getAsLong()) {
            reasons.add(disables + " disables are more than " + guard.maxDisables().getAsLong()
                    + " (delta.guard.max-disables)");
        }
        if (guard.maxCreates().isPresent() && creates > guard.maxCreates().getAsLong()) {
            reasons.add(creates + " creates are more than " + guard.maxCreates().getAsLong()
                    + " (delta.guard.max-creates)");
        }
        return reasons;
    }

    private static String percent(double share) {
        return String.format("%.0f%%", share * 100);
    }
}
