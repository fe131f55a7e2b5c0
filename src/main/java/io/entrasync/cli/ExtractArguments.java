package io.entrasync.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.entrasync.source.ExtractFormat;
import io.entrasync.source.ExtractInput;
import io.entrasync.source.ExtractOptions;
import picocli.CommandLine.Option;

/** The options {@code validate} and {@code preview} share: which mapping, which extract, how to read it. */
public class ExtractArguments {

    @Option(names = "--mapping", required = true, paramLabel = "MAPPING.yaml",
            description = "The mapping file (see docs/mapping.md).")
    Path mapping;

    @Option(names = "--file", required = true, paramLabel = "EXTRACT",
            description = "The HR extract: a CSV file, or .xlsx (first sheet).")
    Path file;

    @Option(names = "--format", paramLabel = "csv|xlsx",
            description = "The extract's format; default: from the file name (.xlsx, else csv).")
    String format;

    @Option(names = "--charset", paramLabel = "CHARSET",
            description = "Charset of a CSV file without byte-order mark, e.g. windows-1252; default UTF-8. "
                    + "A BOM (UTF-8, UTF-16) always wins.")
    String charset;

    @Option(names = "--delimiter", paramLabel = "D",
            description = "CSV delimiter: , ; tab | (or comma, semicolon, pipe); default: detected from the header.")
    String delimiter;

    /** The extract to read, or a usage error with a message. */
    ExtractInput input() {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--file " + file + ": no such file");
        }
        ExtractOptions options = ExtractOptions.defaults();
        if (format != null) {
            options = options.withFormat(usage("--format", () -> ExtractFormat.parse(format)));
        }
        if (charset != null) {
            options = options.withCharset(usage("--charset", () -> ExtractOptions.parseCharset(charset)));
        }
        if (delimiter != null) {
            options = options.withDelimiter(usage("--delimiter", () -> ExtractOptions.parseDelimiter(delimiter)));
        }
        return ExtractInput.of(file).withOptions(options);
    }

    private static <T> T usage(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }

    /** A wrong option value: exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
