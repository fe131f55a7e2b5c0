package io.entrasync.validate;

/**
 * 64-bit hashes of unique values, compared without regard to case (Entra ID compares user principal names and mail
 * addresses that way). Polynomial over the UTF-16 characters, so the hash of {@code before + n + after} comes from
 * the parts' hashes: a counter candidate is checked without building its text. Two different values sharing a hash
 * (about 1 in 10^13 for a million values) can only make a person skip to their next candidate.
 */
final class UniqueHash {

    private static final long BASE = 0x9E3779B97F4A7C15L;

    private UniqueHash() {
    }

    /** The hash of a value. */
    static long of(String value) {
        return finish(raw(value), value.length());
    }

    /** The hash of {@code before + n + after}, from {@link #raw} of the parts. */
    static long numbered(long rawBefore, int lengthBefore, int n, long rawAfter, int lengthAfter) {
        String digits = Integer.toString(n);
        long raw = (rawBefore * power(digits.length()) + raw(digits)) * power(lengthAfter) + rawAfter;
        return finish(raw, lengthBefore + digits.length() + lengthAfter);
    }

    /** The hash of an externalId (exact, case counts). */
    static long ofPerson(String externalId) {
        long h = 0;
        for (int i = 0; i < externalId.length(); i++) {
            h = h * BASE + externalId.charAt(i);
        }
        return finish(h, externalId.length()) ^ 0x5bd1e9955bd1e995L;
    }

    static long raw(String text) {
        long h = 0;
        for (int i = 0; i < text.length(); i++) {
            h = h * BASE + Character.toLowerCase(text.charAt(i));
        }
        return h;
    }

    private static long power(int exponent) {
        long result = 1;
        long factor = BASE;
        for (int e = exponent; e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                result *= factor;
            }
            factor *= factor;
        }
        return result;
    }

    /** Mixes the polynomial and the length (the finalizer of MurmurHash3); never 0, the empty slot of a table. */
    private static long finish(long raw, int length) {
        long h = raw ^ (length * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
