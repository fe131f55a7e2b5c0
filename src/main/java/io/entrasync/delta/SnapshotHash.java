package io.entrasync.delta;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The 64-bit hashes of a snapshot: of a user's JSON as sent (has it changed?) and of an externalId (the in-memory
 * index key and the shard). Both are the first 8 bytes of SHA-256.
 *
 * <p>Two externalIds sharing a 64-bit hash (about 1 in 30 million for a million records) can only make a run send a
 * record it could have skipped, or not disable a leaver that run: the record's own JSON contains its externalId, so
 * the hashes of two different people's records never match.
 */
final class SnapshotHash {

    /** Shards of a snapshot; a shard of a million-record source holds about 16,000 records (about 4 MB). */
    public static final int SHARDS = 64;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private SnapshotHash() {
    }

    public static long ofUser(byte[] json) {
        return first8(json);
    }

    public static long ofExternalId(String externalId) {
        return first8(externalId.getBytes(StandardCharsets.UTF_8));
    }

    /** The shard of a key hash (its top 6 bits). */
    public static int shard(long keyHash) {
        return (int) (keyHash >>> (64 - Integer.numberOfTrailingZeros(SHARDS)));
    }

    public static String hex(long hash) {
        return HexFormat.of().toHexDigits(hash);
    }

    public static long parseHex(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }

    private static long first8(byte[] bytes) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return ByteBuffer.wrap(digest.digest(bytes)).getLong();
    }
}
