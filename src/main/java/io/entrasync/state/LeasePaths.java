package io.entrasync.state;

/**
 * The one home of the per-source lease names in the state container: {@code <source>/lease} is held while an extract
 * of the source is processed (and while reconciliation rewrites the source's reports), {@code <source>/reconcile/lease}
 * by the one reconciler working on the source.
 */
public final class LeasePaths {

    private LeasePaths() {
    }

    /** The source's lease: one extract of the source at a time, and no report rewrite while one is processed. */
    public static String source(String source) {
        return source + "/lease";
    }

    /** The source's reconcile lease: one reconciliation pass over the source at a time. */
    public static String reconcile(String source) {
        return source + "/reconcile/lease";
    }
}
