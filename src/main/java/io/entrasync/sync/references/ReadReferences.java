package io.entrasync.sync.references;

import java.nio.file.Path;
import java.util.Map;

import org.jboss.logging.Logger;

import io.entrasync.source.ExtractOptions;

/**
 * The references of one read of a source: fills an index from every record of the read while it is spooled, then
 * translates the spool with that index over the stored one and keeps the result for the next read. A read without
 * a watermark holds every record of the source, so its index replaces the stored one (people who left the source
 * leave the index too); an incremental read adds to it.
 */
public final class ReadReferences {

    private static final Logger LOG = Logger.getLogger(ReadReferences.class);

    private final String source;
    private final ReferenceRules rules;
    private final ReferenceIndexStore store;
    private final WaitingRecordsStore waitingStore;
    private final ReferenceIndex seen;

    public ReadReferences(String source, ReferenceRules rules, ReferenceIndexStore store) {
        this.source = source;
        this.rules = rules;
        this.store = store;
        this.waitingStore = store.waiting();
        this.seen = new ReferenceIndex(rules);
    }

    /** True when the source has no references: the spool is written once, as read. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Notes what one record of the read can be referred to by. */
    public void see(Map<String, String> values) {
        if (!rules.isEmpty()) {
            seen.see(values);
        }
    }

    /**
     * Writes {@code raw} to {@code target} with its references translated, and stores the index for later reads.
     * Records whose reference is unknown wait with the source's state; when a later read makes it known, they are
     * written to that read's spool (see {@link ReferenceTranslation#rewrite}). A read without a watermark starts the
     * waiting list afresh, as it does the index: it read every record again.
     *
     * @param complete the read holds every record of the source (no watermark)
     */
    public ReferenceTranslation.Result translate(Path raw, Path target, ExtractOptions options, boolean complete) {
        ReferenceIndex index = complete ? new ReferenceIndex(rules) : store.load(source, rules);
        index.addAll(seen);
        WaitingRecords waiting = complete ? new WaitingRecords() : waitingStore.load(source);
        ReferenceTranslation.Result result = new ReferenceTranslation(source, rules, index).rewrite(raw, target,
                options, waiting);
        store.save(source, index);
        waitingStore.save(source, waiting);
        LOG.infof("source '%s': %d reference(s) translated, %d record(s) naming an unknown record rejected; "
                + "%d record(s) kept from earlier reads sent now that their reference resolved, %d still waiting; "
                + "%d key(s) kept for later reads", source, result.translated(), result.unresolved(), result.resent(),
                waiting.size(), index.size());
        return result;
    }

    /** A translation with what this read saw over what earlier reads stored, that stores nothing (a sample). */
    public ReferenceTranslation preview() {
        ReferenceIndex index = store.load(source, rules);
        index.addAll(seen);
        return new ReferenceTranslation(source, rules, index);
    }
}
