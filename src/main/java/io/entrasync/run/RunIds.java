package io.entrasync.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * A run's id: {@code <yyyyMMdd'T'HHmmss'Z'>-<8 hex>}, the hex from the file's name and content together.
 *
 * <p>An id is the key of the run's ledger entry, reconciliation state and trail, so two runs must never share one.
 * The content alone is not enough: the same extract dropped under two names within one second would be one run to
 * reconciliation, and the second would never close. Name and content together are the key of the file's run state
 * ({@link FileRunStore#pathOf}), and the same name with the same content is the same run (resumed, or a duplicate).
 */
public final class RunIds {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    public static String of(Instant startedAt, String fileName, String contentSha256) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(contentSha256.getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) '/');
            digest.update(fileName.getBytes(StandardCharsets.UTF_8));
            return TIME.format(startedAt) + "-" + HexFormat.of().formatHex(digest.digest(), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
