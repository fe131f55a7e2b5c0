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

    /** Characters in one value (CSV field, cell, API value); a longer one makes its row rejected. Excel's own limit. */
    @WithDefault("32767")
    int maxCellLength();

    /** Characters in one CSV row or spool line; a longer row is rejected and reading goes on at the next line. */
    @WithDefault("1048576")
    int maxRowLength();

    /** Uncompressed bytes of one part (sheet, styles) of an .xlsx workbook; past it the workbook is refused. */
    @WithDefault("1073741824")
    long maxPartSize();

    /** Uncompressed bytes of an .xlsx workbook's shared strings, which are held in memory; past it it is refused. */
    @WithDefault("67108864")
    long maxSharedStringsSize();
}
