package io.entrasync.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import io.entrasync.source.JsonLinesRecordSource;
import io.entrasync.source.rest.ApiItem;
import io.entrasync.source.rest.ApiRead;

/**
 * Writes every entry of an API read to a local spool file ({@link JsonLinesRecordSource}'s format), in order: the
 * pipeline reads its input twice, and a resumed run must see exactly the records the first attempt saw.
 */
final class ApiSpooler {

    /**
     * A read written to disk.
     *
     * @param entries every entry the API returned (records and malformed ones)
     * @param malformed the entries that could not become records
     * @param pages pages fetched
     * @param sha256 hash of the spool's bytes, hex
     * @param nextWatermark what the read reported at its end; empty when the source offers none
     */
    record Spooled(long entries, long malformed, int pages, String sha256, Optional<String> nextWatermark) {
    }

    private ApiSpooler() {
    }

    /**
     * Drains {@code read} into {@code target}.
     *
     * @param idField the field that identifies a person: a malformed entry's id is written under it so the report can
     *        name the record
     * @throws io.entrasync.source.rest.ApiSourceException when the read cannot go on (the spool is then incomplete and
     *         must not be used)
     */
    static Spooled spool(ApiRead read, Path target, Optional<String> idField) {
        long entries = 0;
        long malformed = 0;
        MessageDigest sha256 = sha256();
        try (OutputStream file = Files.newOutputStream(target);
             DigestOutputStream digesting = new DigestOutputStream(file, sha256);
             JsonLinesRecordSource.Writer out = new JsonLinesRecordSource.Writer(digesting)) {
            while (read.hasNext()) {
                ApiItem item = read.next();
                entries++;
                if (item instanceof ApiItem.Read record) {
                    out.record(record.position(), record.location(), record.record().values());
                } else {
                    ApiItem.Malformed bad = (ApiItem.Malformed) item;
                    malformed++;
                    Map<String, String> known = idField.isPresent() && !bad.externalId().isEmpty()
                            ? Map.of(idField.get(), bad.externalId()) : Map.of();
                    out.malformed(bad.position(), bad.location(), bad.reason(), known);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the spool " + target + ": " + e.getMessage(), e);
        }
        return new Spooled(entries, malformed, read.pages(), HexFormat.of().formatHex(sha256.digest()),
                read.nextWatermark());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
