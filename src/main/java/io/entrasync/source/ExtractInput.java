package io.entrasync.source;

import java.io.ByteArrayInputStream;
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
 * @param localFile the file the opener reads, when it is one ({@code null} otherwise): an .xlsx workbook is read from
 *        the file in place (random access to its parts); without it the workbook is first copied to a temporary file
 */
public record ExtractInput(String name, Opener opener, ExtractOptions options, Path localFile) {

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

    public ExtractInput(String name, Opener opener, ExtractOptions options) {
        this(name, opener, options, null);
    }

    /** A local file with default options. */
    public static ExtractInput of(Path file) {
        return ofFile(file.toString(), file, ExtractOptions.defaults());
    }

    /** A local file known to people as {@code name} (a downloaded blob). */
    public static ExtractInput ofFile(String name, Path file, ExtractOptions options) {
        return new ExtractInput(name, () -> Files.newInputStream(file), options, file);
    }

    /** A re-openable stream (a blob, a download) with default options. */
    public static ExtractInput of(String name, Opener opener) {
        return new ExtractInput(name, opener, ExtractOptions.defaults());
    }

    /** Bytes in memory (tests, small uploads). */
    public static ExtractInput ofBytes(String name, byte[] content) {
        return new ExtractInput(name, () -> new ByteArrayInputStream(content), ExtractOptions.defaults());
    }

    public ExtractInput withOptions(ExtractOptions value) {
        return new ExtractInput(name, opener, value, localFile);
    }

    /** The format to read: the explicit option, else what the name suggests. */
    public ExtractFormat format() {
        return options.format() != null ? options.format() : ExtractFormat.fromFileName(name);
    }
}
