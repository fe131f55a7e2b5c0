package io.entrasync.config;

import java.util.Optional;

import io.smallrye.config.WithDefault;

/** How a source's extracts are read ({@code sync.sources.<name>.extract.*}); everything is detected when unset. */
public interface ExtractConfig {

    /** {@code csv} or {@code xlsx}; from the file name when unset. */
    Optional<String> format();

    /** Charset of CSV files without a byte-order mark (e.g. {@code windows-1252}); UTF-8 when unset. */
    Optional<String> charset();

    /** CSV delimiter ({@code ,} {@code ;} {@code |} or {@code tab}); detected from the header line when unset. */
    Optional<String> delimiter();

    /** Strip leading and trailing white space from values. */
    @WithDefault("true")
    boolean trimValues();
}
