package io.entrasync.sync.references;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of one source that wait for a reference to resolve, by id, at most {@link #LIMIT}. Those that waited
 * first keep their place: a record rejected when the list is full is reported as not kept, and only a full sync
 * (which reads every record again) brings it back.
 */
public final class WaitingRecords {

    /**
     * At most this many records wait: about 1 KB each as read (a SCIM user flattened), so about 10 MB in memory while
     * a read is translated and about 1 MB gzip'd in the state container. More than that is not people hired before
     * their manager but a reference rule that matches nothing, which a full sync after the fix settles.
     */
    public static final int LIMIT = 10_000;

    private final int limit;
    private final Map<String, WaitingRecord> byId = new LinkedHashMap<>();

    public WaitingRecords() {
        this(LIMIT);
    }

    WaitingRecords(int limit) {
        this.limit = limit;
    }

    /** Adds one stored record. */
    void add(WaitingRecord record) {
        byId.put(record.id(), record);
    }

    /**
     * Keeps {@code record} (read now, its reference unknown) in place of an earlier form of it.
     *
     * @return the record as kept, or null when the list is full
     */
    WaitingRecord hold(String id, String location, Map<String, String> values) {
        WaitingRecord earlier = byId.get(id);
        if (earlier == null && byId.size() >= limit) {
            return null;
        }
        WaitingRecord kept = new WaitingRecord(id, location, values, earlier == null ? 1 : earlier.reads() + 1,
                false);
        byId.put(id, kept);
        return kept;
    }

    /** Forgets {@code id}: it was read again and its references resolved, so it goes with the read. */
    void release(String id) {
        byId.remove(id);
    }

    /** The records waiting now, oldest first (a copy: the caller may release and hold while going through it). */
    List<WaitingRecord> records() {
        return new ArrayList<>(byId.values());
    }

    void replace(WaitingRecord record) {
        byId.put(record.id(), record);
    }

    /** Drops those sent in a spool whose run has completed. */
    boolean dropSent() {
        return byId.values().removeIf(WaitingRecord::resent);
    }

    Collection<WaitingRecord> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    int limit() {
        return limit;
    }
}
