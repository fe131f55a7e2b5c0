package io.entrasync.delta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;
import io.entrasync.validate.UniqueClaims;

/**
 * The unique values a source gave out ({@link UniqueClaims}), beside its snapshot:
 * {@code <source>/snapshot/unique-values.bin.gz}. Read when a run opens; written when the run's snapshot is
 * written, so a held or dry run gives nothing for good. Values are never removed (a leaver's value stays taken).
 */
final class UniqueClaimStore {

    private final StateStore state;

    UniqueClaimStore(StateStore state) {
        this.state = state;
    }

    static String path(String source) {
        return source + "/snapshot/unique-values.bin.gz";
    }

    UniqueClaims load(String source) {
        Optional<StoredBlob> blob = state.read(path(source));
        if (blob.isEmpty()) {
            return new UniqueClaims();
        }
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(
                blob.get().content()), 64 * 1024))) {
            return UniqueClaims.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The unique values of source " + source + " (" + path(source) + " in the "
                    + "state container) cannot be read: " + e.getMessage() + ". Nothing was sent. Restore the blob "
                    + "from a backup; deleting it makes the next run give values without knowing those given "
                    + "before, which can collide in Entra ID.", e);
        }
    }

    void save(String source, UniqueClaims claims) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 64 * 1024))) {
            claims.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.put(path(source), bytes.toByteArray());
    }
}
