package io.entrasync.validate;

import java.util.Arrays;
import java.util.function.IntBinaryOperator;

/**
 * The people of an extract who need a unique value, as primitive arrays: their externalId key, the hashes of their
 * listed candidates and the parts of their counter candidate ({@link UniqueHash#raw} and length of the text before
 * and after the number). About {@code 8 × candidates + 28} bytes a claimant. Not thread-safe.
 */
final class ClaimantList {

    private final int listed;
    private final boolean counted;
    private int size;
    private int[] keys = new int[16];
    private long[] hashes;
    private long[] rawBefore;
    private long[] rawAfter;
    private int[] lengthBefore;
    private int[] lengthAfter;

    ClaimantList(int listed, boolean counted) {
        this.listed = listed;
        this.counted = counted;
        hashes = new long[16 * listed];
        int counterCapacity = counted ? 16 : 0;
        rawBefore = new long[counterCapacity];
        rawAfter = new long[counterCapacity];
        lengthBefore = new int[counterCapacity];
        lengthAfter = new int[counterCapacity];
    }

    /** Adds a claimant; {@code counterParts} is {@code [before, after]}, or null without a counter. */
    void add(int key, long[] candidateHashes, String[] counterParts) {
        if (size == keys.length) {
            int grown = size + (size >> 1);
            keys = Arrays.copyOf(keys, grown);
            hashes = Arrays.copyOf(hashes, grown * listed);
            if (counted) {
                rawBefore = Arrays.copyOf(rawBefore, grown);
                rawAfter = Arrays.copyOf(rawAfter, grown);
                lengthBefore = Arrays.copyOf(lengthBefore, grown);
                lengthAfter = Arrays.copyOf(lengthAfter, grown);
            }
        }
        keys[size] = key;
        System.arraycopy(candidateHashes, 0, hashes, size * listed, listed);
        if (counted) {
            rawBefore[size] = UniqueHash.raw(counterParts[0]);
            lengthBefore[size] = counterParts[0].length();
            rawAfter[size] = UniqueHash.raw(counterParts[1]);
            lengthAfter[size] = counterParts[1].length();
        }
        size++;
    }

    int size() {
        return size;
    }

    boolean counted() {
        return counted;
    }

    int key(int claimant) {
        return keys[claimant];
    }

    /** The hash of listed candidate {@code index}, 0 when that candidate is empty for this person. */
    long hash(int claimant, int index) {
        return hashes[claimant * listed + index];
    }

    long rawBefore(int claimant) {
        return rawBefore[claimant];
    }

    long rawAfter(int claimant) {
        return rawAfter[claimant];
    }

    int lengthBefore(int claimant) {
        return lengthBefore[claimant];
    }

    int lengthAfter(int claimant) {
        return lengthAfter[claimant];
    }

    /** The claimants' indexes ordered by their keys under {@code keyOrder} (a stable merge sort). */
    int[] orderBy(IntBinaryOperator keyOrder) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        int[] buffer = new int[size];
        for (int width = 1; width < size; width *= 2) {
            for (int from = 0; from < size; from += 2 * width) {
                int middle = Math.min(from + width, size);
                int to = Math.min(from + 2 * width, size);
                int left = from;
                int right = middle;
                for (int out = from; out < to; out++) {
                    boolean takeLeft = right >= to || (left < middle
                            && keyOrder.applyAsInt(keys[order[left]], keys[order[right]]) <= 0);
                    buffer[out] = order[takeLeft ? left++ : right++];
                }
            }
            int[] swap = order;
            order = buffer;
            buffer = swap;
        }
        return order;
    }

    /** Frees the arrays once every claimant has a value (before the second pass). */
    void release() {
        keys = new int[0];
        hashes = new long[0];
        rawBefore = new long[0];
        rawAfter = new long[0];
        lengthBefore = new int[0];
        lengthAfter = new int[0];
        size = 0;
    }
}
