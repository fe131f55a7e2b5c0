package io.entrasync.report;

import java.util.EnumSet;
import java.util.Set;

/**
 * The one outcome each input record ends in. Upload-time outcomes come first; the service's own verdicts
 * (read from the provisioning logs by reconciliation) replace {@link #ACCEPTED} later.
 */
public enum RecordOutcome {
    /** Sent in a bulkUpload call that the service accepted (202); its per-record fate is not known yet. */
    ACCEPTED("accepted"),
    /** Not sent: the record is invalid (detail says which line, column and rule). */
    REJECTED("rejected"),
    /** Not sent because the daily call quota ran out; it goes out with the next run. */
    DEFERRED("deferred"),
    /** The call carrying it was refused by the service (detail has the service's reason). */
    FAILED("failed"),
    /** Not sent: identical to what the service last confirmed. */
    UNCHANGED("unchanged"),
    /** Not sent: the mass-change guard held the run until someone approves it (detail says why and how). */
    HELD("held"),
    /**
     * Not sent yet: a pre-hire whose start date is further ahead than the mapping's {@code options.preHire} allows;
     * the detail says the day it is sent (by the resume timer, with no new extract).
     */
    PRE_HIRE("held (pre-hire)"),
    CREATED("created"),
    /** Created with {@code accountEnabled} false, as the service's log says: a leaver or a pre-hire sent disabled. */
    CREATED_DISABLED("created (disabled)"),
    UPDATED("updated"),
    /** Updated while {@code active: false} was sent and the account stays disabled (a leaver's later change). */
    UPDATED_DISABLED("updated (disabled)"),
    DISABLED("disabled"),
    ENABLED("enabled"),
    SKIPPED("skipped"),
    WARNING("warning"),
    /** The service processed the record and reported a failure (detail has errorCode, reason, recommended action). */
    SERVICE_FAILED("service-failed"),
    /** Accepted, but no provisioning-log entry appeared in time. */
    UNCONFIRMED("unconfirmed");

    private final String label;

    RecordOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for the outcomes only the service's provisioning log can give (created ... unconfirmed). */
    public boolean fromService() {
        return FROM_SERVICE.contains(this);
    }

    private static final Set<RecordOutcome> FROM_SERVICE = EnumSet.of(CREATED, CREATED_DISABLED, UPDATED,
            UPDATED_DISABLED, DISABLED, ENABLED, SKIPPED, WARNING, SERVICE_FAILED, UNCONFIRMED);
}
