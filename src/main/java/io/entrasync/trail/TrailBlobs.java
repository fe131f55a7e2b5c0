package io.entrasync.trail;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;

/** Gzip JSON Lines blobs of the trail: read line by line, written whole. */
final class TrailBlobs {

    private TrailBlobs() {
    }

    /**
     * Calls {@code line} for each line of {@code path}.
     *
     * @return false when the blob does not exist
     */
    static boolean forEachLine(StateStore state, String path, Consumer<String> line) {
        Optional<StoredBlob> blob = state.read(path);
        if (blob.isEmpty()) {
            return false;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                new ByteArrayInputStream(blob.get().content()), 1 << 16), StandardCharsets.UTF_8))) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (!text.isBlank()) {
                    line.accept(text);
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("The trail blob " + path + " cannot be read (" + e.getMessage()
                    + "); it is not a gzip JSON Lines file written by entra-inbound-sync", e);
        }
    }

    static byte[] gzip(Collection<String> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes, 1 << 16), StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
