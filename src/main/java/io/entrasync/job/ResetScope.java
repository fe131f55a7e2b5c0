package io.entrasync.job;

import java.util.Locale;

/**
 * The restart scopes this app lets an admin use (synchronizationJobRestartCriteria.resetScope). Microsoft marks
 * {@code None} ("use Start instead") and {@code ConnectorDataStore} ("contact Microsoft Support") DO NOT USE: they
 * are refused by {@link #parse}. {@code ForceDeletes} deletes the users held back by accidental-deletion prevention,
 * so it needs an explicit extra flag.
 */
public enum ResetScope {
    /** Provisioning failures held as escrows are forgotten: the service stops retrying them. */
    ESCROWS("Escrows"),
    /** Temporarily lifts the quarantine. */
    QUARANTINE_STATE("QuarantineState"),
    /** The service re-evaluates every user, not only changes. */
    WATERMARK("Watermark"),
    /** All of the above; the job forgets what it processed, so manager references must be sent again. */
    FULL("Full"),
    /** Deletes the pending deleted users when the deletion threshold was exceeded. */
    FORCE_DELETES("ForceDeletes");

    private final String graphName;

    ResetScope(String graphName) {
        this.graphName = graphName;
    }

    public String graphName() {
        return graphName;
    }

    /**
     * The scope named (any case).
     *
     * @throws IllegalArgumentException for an unknown scope or one Microsoft says not to use, saying what to do
     */
    public static ResetScope parse(String text) {
        String name = text == null ? "" : text.strip();
        if (name.equalsIgnoreCase("None")) {
            throw new IllegalArgumentException("resetScope None is marked DO NOT USE by Microsoft: use 'job start' to"
                    + " start a paused or quarantined job");
        }
        if (name.equalsIgnoreCase("ConnectorDataStore")) {
            throw new IllegalArgumentException("resetScope ConnectorDataStore is marked DO NOT USE by Microsoft (it"
                    + " clears the service's cache for all users; contact Microsoft Support for guidance)");
        }
        for (ResetScope scope : values()) {
            if (scope.graphName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return scope;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a restart scope; use Escrows, QuarantineState,"
                + " Watermark, Full or ForceDeletes");
    }
}
