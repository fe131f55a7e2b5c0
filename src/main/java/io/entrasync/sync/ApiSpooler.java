package io.entrasync.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import io.entrasync.run.SourceDefinition;
import io.entrasync.source.JsonLinesRecordSource;
import io.entrasync.source.AbsentColumns;
import io.entrasync.source.SourceRow;
import io.entrasync.source.rest.ApiRead;
import io.entrasync.sync.references.ReadReferences;
import io.entrasync.sync.references.ReferenceTranslation;

/**
 * Writes every entry of an API read to a local spool file ({@link JsonLinesRecordSource}'s format), in order: the
 * pipeline reads its input twice, and a resumed run must see exactly the records the first attempt saw. When the
 * source has references between records, the read is written to a scratch file first and translated into the spool
 * once the whole read is known ({@link ReadReferences}).
 */
final class ApiSpooler {

    /**
     * A read written to disk.
     *
     * @param entries every entry the API returned (records and malformed ones), and the records kept from earlier
     *        reads for a reference that were written after them
     * @param malformed the entries that could not become records
     * @param pages pages fetched
     * @param sha256 hash of the spool's bytes, hex
     * @param nextWatermark what the read reported at its end; empty when the source offers none
     * @param unresolved records rejected because a reference in them names no known record
     */
    record Spooled(long entries, long malformed, int pages, String sha256, Optional<String> nextWatermark,
            long unresolved) {
    }

    private ApiSpooler() {
    }

    /**
     * Drains {@code read} into {@code target}, translating references.
     *
     * @param complete the read holds every record of the source (no watermark)
     * @param source the source's mapping (the columns it reads) and extract options (limits of a spool line)
     * @throws io.entrasync.source.rest.ApiSourceException when the read cannot go on (the spool is then incomplete and
     *         must not be used)
     */
    static Spooled spool(ApiRead read, Path target, ReadReferences references, boolean complete,
            SourceDefinition source) {
        Set<String> columns = source.mapping().columns();
        if (references.isEmpty()) {
            return written(read, target, references, columns);
        }
        Path raw = target.resolveSibling(target.getFileName() + ".read");
        try {
            Spooled spooled = written(read, raw, references, columns);
            ReferenceTranslation.Result translated = references.translate(raw, target, source.extractOptions(),
                    complete);
            // records kept from earlier reads follow the read's own: sent now, or rejected again
            return new Spooled(spooled.entries() + translated.appended(), spooled.malformed(), spooled.pages(),
                    sha256Of(target), spooled.nextWatermark(), translated.unresolved());
        } finally {
            try {
                Files.deleteIfExists(raw);
            } catch (IOException e) {
                // a scratch file in the temporary folder; the spool itself is complete
            }
        }
    }

    private static Spooled written(ApiRead read, Path target, ReadReferences references, Set<String> columns) {
        long entries = 0;
        long malformed = 0;
        try (OutputStream file = Files.newOutputStream(target);
             JsonLinesRecordSource.Writer out = new JsonLinesRecordSource.Writer(file)) {
            while (read.hasNext()) {
                SourceRow item = AbsentColumns.asEmpty(read.next(), columns);
                entries++;
                if (item instanceof SourceRow.Parsed record) {
                    references.see(record.record().values());
                } else {
                    malformed++;
                }
                out.write(item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the spool " + target + ": " + e.getMessage(), e);
        }
        return new Spooled(entries, malformed, read.pages(), sha256Of(target), read.nextWatermark(), 0);
    }

    private static String sha256Of(Path file) {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the spool " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
