package io.entrasync.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An extract that can be opened (more than once: validation reads it twice, once to index the externalIds and once
 * to map the records). A local file, a blob ({@code () -> blobClient.openInputStream()}, pinned to one ETag or
 * version so both reads see the same content), or bytes in memory.
 *
 * @param name how people know the extract, used in messages ({@code hr/2026-11-28.csv})
 * @param opener opens a fresh stream positioned at the first byte; the caller of {@code open} closes it
 * @param options how to read it
 */
public record ExtractInput(String name, Opener opener, ExtractOptions options) {

    /** Opens a fresh stream over the extract's bytes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public ExtractInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opener, "opener");
        options = options == null ? ExtractOptions.defaults() : options;
    }

    /** A local file with default options. */
    public static ExtractInput of(Path file) {
        return new ExtractInput(file.toString(), () -> Files.newInputStream(file), ExtractOptions.defaults());
    }

    /** A re-openable stream (a blob, a download) with default options. */
    public static ExtractInput of(String name, Opener opener) {
        return new ExtractInput(name, opener, ExtractOptions.defaults());
    }

    /** Bytes in memory (tests, small uploads). */
    public static ExtractInput ofBytes(String name, byte[] content) {
        return new ExtractInput(name, () -> new java.io.ByteArrayInputStream(content), ExtractOptions.defaults());
    }

    public ExtractInput withOptions(ExtractOptions value) {
        return new ExtractInput(name, opener, value);
    }

    /** The format to read: the explicit option, else what the name suggests. */
    public ExtractFormat format() {
        return options.format() != null ? options.format() : ExtractFormat.fromFileName(name);
    }
}
