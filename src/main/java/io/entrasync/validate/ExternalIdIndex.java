package io.entrasync.validate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Every externalId of an extract and the lines it occurs on, in a few primitive arrays: the ids' UTF-8 bytes in
 * one arena; per distinct id its offset, hash and first line; an open-addressing table; and, for the rare ids that
 * occur again, a chain of further lines. About 30 to 40 bytes per record (1,000,000 records: 30 to 40 MB)
 * instead of well over 100 with a {@code HashMap<String, List<Long>>}, so a million-row extract validates within
 * {@code -Xmx256m}. Exact: ids are compared byte for byte, never by hash alone. Not thread-safe.
 */
public final class ExternalIdIndex {

    private static final int NONE = -1;

    // the ids' bytes, back to back: id k is arena[offset[k] .. offset[k + 1])
    private byte[] arena = new byte[1 << 16];
    private int arenaSize;

    // per distinct id
    private int[] offset = new int[(1 << 10) + 1];
    private int[] hash = new int[1 << 10];
    private int[] firstLine = new int[1 << 10];
    private int[] moreHead = new int[1 << 10];
    private int keys;

    // further occurrences of ids seen before: line and the next one of the same id
    private int[] moreLine = new int[16];
    private int[] moreNext = new int[16];
    private int more;

    // open addressing, at most half full: key + 1, 0 = empty
    private int[] table = new int[1 << 11];

    /**
     * Records that {@code externalId} occurs on {@code line}.
     *
     * @return the externalId's key ({@link #key})
     * @throws IllegalArgumentException for a line beyond 2^31 (an extract of over 100 GB)
     */
    public int add(String externalId, long line) {
        if (line < 0 || line > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("line " + line + " is beyond what the index can hold");
        }
        byte[] bytes = externalId.getBytes(StandardCharsets.UTF_8);
        int h = mix(Arrays.hashCode(bytes));
        int key = find(bytes, h);
        if (key == NONE) {
            return newKey(bytes, h, (int) line);
        }
        if (more == moreLine.length) {
            moreLine = Arrays.copyOf(moreLine, more * 2);
            moreNext = Arrays.copyOf(moreNext, more * 2);
        }
        // prepended (constant time even if every record shares one id); linesOf() restores the order
        moreLine[more] = (int) line;
        moreNext[more] = moreHead[key];
        moreHead[key] = more;
        more++;
        return key;
    }

    /** How many records carry this externalId (0 when none). */
    public int count(String externalId) {
        int key = find(externalId);
        if (key == NONE) {
            return 0;
        }
        int count = 1;
        for (int m = moreHead[key]; m != NONE; m = moreNext[m]) {
            count++;
        }
        return count;
    }

    /** The lines that carry this externalId, in the order they were added. */
    public long[] lines(String externalId) {
        int key = find(externalId);
        return key == NONE ? new long[0] : linesOf(key);
    }

    /** The lines that carry this externalId when there are several, else {@code null}: one lookup per record. */
    public long[] linesIfShared(String externalId) {
        return linesIfShared(find(externalId));
    }

    /** {@link #linesIfShared(String)} by the key ({@link #key}, -1 for none) a caller already looked up. */
    public long[] linesIfShared(int key) {
        return key == NONE || moreHead[key] == NONE ? null : linesOf(key);
    }

    /** The key (0, 1, ... in order of first appearance) of {@code externalId}, or -1 when it was never added. */
    public int key(String externalId) {
        return find(externalId);
    }

    /** The externalId of a key. */
    public String externalId(int key) {
        return new String(arena, offset[key], offset[key + 1] - offset[key], StandardCharsets.UTF_8);
    }

    /** The first line of a key. */
    public long firstLine(int key) {
        return firstLine[key];
    }

    /** Orders two keys by their externalIds' UTF-8 bytes (unsigned): an order that row order cannot change. */
    public int compare(int a, int b) {
        return Arrays.compareUnsigned(arena, offset[a], offset[a + 1], arena, offset[b], offset[b + 1]);
    }

    /** Distinct externalIds seen. */
    public int distinct() {
        return keys;
    }

    /** Records added. */
    public int size() {
        return keys + more;
    }

    /** Distinct externalIds that occur more than once. */
    public int duplicatedIds() {
        int duplicated = 0;
        for (int key = 0; key < keys; key++) {
            if (moreHead[key] != NONE) {
                duplicated++;
            }
        }
        return duplicated;
    }

    private long[] linesOf(int key) {
        int count = 1;
        for (int m = moreHead[key]; m != NONE; m = moreNext[m]) {
            count++;
        }
        long[] result = new long[count];
        result[0] = firstLine[key];
        int i = count - 1;
        for (int m = moreHead[key]; m != NONE; m = moreNext[m]) {
            result[i--] = moreLine[m];
        }
        return result;
    }

    private int find(String externalId) {
        byte[] bytes = externalId.getBytes(StandardCharsets.UTF_8);
        return find(bytes, mix(Arrays.hashCode(bytes)));
    }

    private int find(byte[] bytes, int h) {
        int mask = table.length - 1;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return NONE;
            }
            int key = entry - 1;
            if (hash[key] == h && offset[key + 1] - offset[key] == bytes.length && sameBytes(offset[key], bytes)) {
                return key;
            }
        }
    }

    /** A plain loop: ids are short, and {@code Arrays.equals} on ranges costs more to set up than to run here. */
    private boolean sameBytes(int from, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (arena[from + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private int newKey(byte[] bytes, int h, int line) {
        if (keys == hash.length) {
            int capacity = keys + (keys >> 1);
            offset = Arrays.copyOf(offset, capacity + 1);
            hash = Arrays.copyOf(hash, capacity);
            firstLine = Arrays.copyOf(firstLine, capacity);
            moreHead = Arrays.copyOf(moreHead, capacity);
        }
        if (arenaSize + bytes.length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length + (arena.length >> 1), arenaSize + bytes.length));
        }
        System.arraycopy(bytes, 0, arena, arenaSize, bytes.length);
        int key = keys++;
        offset[key] = arenaSize;
        arenaSize += bytes.length;
        offset[key + 1] = arenaSize;
        hash[key] = h;
        firstLine[key] = line;
        moreHead[key] = NONE;
        if (keys * 2 > table.length) {
            rehash(table.length * 2);
        } else {
            insert(key);
        }
        return key;
    }

    private void insert(int key) {
        int mask = table.length - 1;
        int slot = hash[key] & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = key + 1;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        for (int key = 0; key < keys; key++) {
            insert(key);
        }
    }

    /** Spreads the bits of {@code Arrays.hashCode}, which clusters for short numeric ids. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
