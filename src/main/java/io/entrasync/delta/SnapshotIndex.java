package io.entrasync.delta;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The in-memory view of a snapshot that a run compares an extract with: per record its externalId's hash, the hash
 * of its last sent JSON, its missing count and whether it was disabled, in primitive arrays (about 30 bytes a record,
 * 30 MB for a million), plus an open-addressing table from externalId hash to position. The records' JSON stays in
 * the shard blobs; a run reads it back only for the leavers it disables.
 */
final class SnapshotIndex {

    private long[] keys;
    private long[] hashes;
    private int[] missing;
    private final BitSet disabled = new BitSet();
    private final BitSet seen = new BitSet();
    private int size;
    private int[] table;

    SnapshotIndex(int expected) {
        int capacity = Math.max(16, expected);
        keys = new long[capacity];
        hashes = new long[capacity];
        missing = new int[capacity];
        table = new int[tableSize(capacity)];
    }

    /** Loads the index of {@code manifest}'s records (users are not read). */
    public static SnapshotIndex load(SnapshotStore store, SnapshotManifest manifest) {
        SnapshotIndex index = new SnapshotIndex((int) Math.min(Integer.MAX_VALUE - 8, manifest.records()));
        store.forEach(manifest, false, index::add);
        return index;
    }

    void add(SnapshotEntry entry) {
        if (size == keys.length) {
            int grown = keys.length * 2;
            keys = Arrays.copyOf(keys, grown);
            hashes = Arrays.copyOf(hashes, grown);
            missing = Arrays.copyOf(missing, grown);
            rehash(tableSize(grown));
        }
        long key = SnapshotHash.ofExternalId(entry.externalId());
        keys[size] = key;
        hashes[size] = entry.hash();
        missing[size] = entry.missing();
        disabled.set(size, entry.disabled());
        insert(table, key, size);
        size++;
    }

    /** The position of {@code externalId}, or -1 when it is not in the snapshot. */
    public int find(String externalId) {
        long key = SnapshotHash.ofExternalId(externalId);
        int mask = table.length - 1;
        for (int slot = spread(key) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            int position = table[slot] - 1;
            if (keys[position] == key) {
                return position;
            }
        }
        return -1;
    }

    public int size() {
        return size;
    }

    public long hash(int position) {
        return hashes[position];
    }

    public int missing(int position) {
        return missing[position];
    }

    public boolean disabled(int position) {
        return disabled.get(position);
    }

    public long key(int position) {
        return keys[position];
    }

    /** Marks a record as present in the extract being processed. */
    public void markSeen(int position) {
        seen.set(position);
    }

    public boolean seen(int position) {
        return seen.get(position);
    }

    public long activeCount() {
        return (long) size - disabled.cardinality();
    }

    private void rehash(int newSize) {
        int[] bigger = new int[newSize];
        for (int position = 0; position < size; position++) {
            insert(bigger, keys[position], position);
        }
        table = bigger;
    }

    private static void insert(int[] table, long key, int position) {
        int mask = table.length - 1;
        int slot = spread(key) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = position + 1;
    }

    private static int spread(long key) {
        return (int) (key ^ (key >>> 32));
    }

    private static int tableSize(int capacity) {
        return Integer.highestOneBit(Math.max(8, capacity) * 2 - 1) * 2;
    }
}
