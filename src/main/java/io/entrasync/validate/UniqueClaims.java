package io.entrasync.validate;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The unique values a source has given out, per attribute: who has which value (as hashes, {@link UniqueHash}) and
 * every value ever given, kept with the source's state (io.entrasync.delta.UniqueClaimStore). A value stays taken
 * for good: a leaver, or a person whose name changed, frees nothing that could later rename someone else. About 20
 * bytes a value in arrays plus two tables (1,000,000 people: about 60 MB). A run reads it, and records what it gave
 * (Given#give); the store writes it back when the run's snapshot is written. Not thread-safe.
 */
public final class UniqueClaims {

    private static final int MAGIC = 0x45495355; // "EISU"
    private static final int VERSION = 1;

    private final Map<String, Given> byAttribute = new LinkedHashMap<>();

    /** The values of one attribute. */
    static final class Given {
        private long[] person;
        private long[] value;
        private int[] number;
        private int size;
        private final LongIntTable byPerson;
        private final LongIntTable byValue;

        Given(int expected) {
            int capacity = Math.max(16, expected);
            person = new long[capacity];
            value = new long[capacity];
            number = new int[capacity];
            byPerson = new LongIntTable(expected);
            byValue = new LongIntTable(expected);
        }

        /** Makes room for {@code more} values at once (a run knows how many it may give before it gives them). */
        void expect(int more) {
            long wanted = Math.min(Integer.MAX_VALUE - 8, (long) size + more);
            if (wanted > person.length) {
                resize((int) wanted);
            }
            byPerson.expect((int) wanted);
            byValue.expect((int) wanted);
        }

        private void resize(int capacity) {
            person = Arrays.copyOf(person, capacity);
            value = Arrays.copyOf(value, capacity);
            number = Arrays.copyOf(number, capacity);
        }

        /** The entry of the value {@code person} has now, or -1. */
        int current(long personHash) {
            int entry = byPerson.get(personHash);
            return entry == LongIntTable.ABSENT ? -1 : entry;
        }

        long value(int entry) {
            return value[entry];
        }

        /** The counter's number the value was given with, 0 for a listed candidate. */
        int number(int entry) {
            return number[entry];
        }

        boolean taken(long valueHash) {
            return byValue.contains(valueHash);
        }

        /** Records that {@code person} has the value; the value they had before stays taken. */
        void give(long personHash, long valueHash, int counterNumber) {
            int current = current(personHash);
            if (current >= 0 && value[current] == valueHash && number[current] == counterNumber) {
                return;
            }
            if (size == person.length) {
                resize(size * 2);
            }
            person[size] = personHash;
            value[size] = valueHash;
            number[size] = counterNumber;
            byPerson.put(personHash, size);
            byValue.put(valueHash, size);
            size++;
        }

        int size() {
            return size;
        }

        long probes() {
            return byValue.probes() + byPerson.probes();
        }
    }

    /** The values of {@code attribute} (empty at first). */
    Given of(String attribute) {
        return byAttribute.computeIfAbsent(attribute, name -> new Given(16));
    }

    /** Values given, all attributes together. */
    public long size() {
        return byAttribute.values().stream().mapToLong(Given::size).sum();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Writes every attribute's values (the store gzips them). */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(byAttribute.size());
        for (Map.Entry<String, Given> attribute : byAttribute.entrySet()) {
            Given given = attribute.getValue();
            out.writeUTF(attribute.getKey());
            out.writeInt(given.size);
            for (int i = 0; i < given.size; i++) {
                out.writeLong(given.person[i]);
                out.writeLong(given.value[i]);
                out.writeInt(given.number[i]);
            }
        }
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IOException when the bytes are not such a file (the store names the blob and what to do)
     */
    public static UniqueClaims read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a unique-values file of this version");
        }
        UniqueClaims claims = new UniqueClaims();
        int attributes = in.readInt();
        for (int a = 0; a < attributes; a++) {
            String name = in.readUTF();
            int count = in.readInt();
            if (count < 0) {
                throw new IOException("a negative count of values");
            }
            // sized up front, but never trusting the count so far that a broken file could exhaust the heap
            Given given = new Given(Math.min(count, 1 << 20));
            claims.byAttribute.put(name, given);
            for (int i = 0; i < count; i++) {
                given.give(in.readLong(), in.readLong(), in.readInt());
            }
        }
        return claims;
    }
}
