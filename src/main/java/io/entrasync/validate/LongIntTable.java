package io.entrasync.validate;

/**
 * A map from a non-zero {@code long} to an {@code int}, in two primitive arrays (open addressing, at most half
 * full): 24 bytes or less an entry where a {@code HashMap<Long, Integer>} takes about 80. Counts its probes, so that
 * tests can show the work grows linearly. Not thread-safe.
 */
final class LongIntTable {

    static final int ABSENT = Integer.MIN_VALUE;

    private long[] keys;
    private int[] values;
    private int size;
    private long probes;

    LongIntTable(int expected) {
        int capacity = capacityFor(expected);
        keys = new long[capacity];
        values = new int[capacity];
    }

    /**
     * Makes room for {@code expected} entries in all at once: one resize to the final size instead of a doubling
     * (and a rehash of everything) each time the table fills up.
     */
    void expect(int expected) {
        int capacity = capacityFor(expected);
        if (capacity > keys.length) {
            resize(capacity);
        }
    }

    private static int capacityFor(int expected) {
        return Integer.highestOneBit(Math.max(16, expected) * 2 - 1) * 2;
    }

    /** The value of {@code key}, or {@link #ABSENT}. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int slot = spread(key) & mask; ; slot = (slot + 1) & mask) {
            probes++;
            if (keys[slot] == key) {
                return values[slot];
            }
            if (keys[slot] == 0) {
                return ABSENT;
            }
        }
    }

    boolean contains(long key) {
        return get(key) != ABSENT;
    }

    /** Sets {@code key} to {@code value}, replacing any value it had. */
    void put(long key, int value) {
        if (key == 0) {
            throw new IllegalArgumentException("0 is the empty slot");
        }
        if ((size + 1) * 2 > keys.length) {
            resize(keys.length * 2);
        }
        int mask = keys.length - 1;
        int slot = spread(key) & mask;
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == 0) {
            size++;
        }
        keys[slot] = key;
        values[slot] = value;
    }

    int size() {
        return size;
    }

    /** Slots looked at by {@link #get} so far. */
    long probes() {
        return probes;
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[capacity];
        values = new int[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int spread(long key) {
        return (int) (key ^ (key >>> 32));
    }

}
