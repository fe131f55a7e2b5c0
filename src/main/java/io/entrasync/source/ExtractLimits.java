package io.entrasync.source;

/**
 * How much one extract may make the reader hold or unpack, so that any input, however broken or hostile, is read in
 * bounded memory and time. A row past a limit is rejected with its line; a file past a limit is refused with the
 * reason. The defaults suit every real HR export (an Excel cell holds at most 32,767 characters); set them per
 * source under {@code sync.sources.<name>.extract.*} (docs/limits-and-safety.md).
 *
 * @param maxCellLength characters in one value (CSV field, spreadsheet cell, spool value); past it the row is rejected
 * @param maxRowLength characters in one CSV row or one JSON-lines spool line; past it the row is rejected and
 *        reading goes on at the next line
 * @param maxPartSize uncompressed bytes of one part (sheet, shared strings, styles) of an .xlsx workbook; past it the
 *        workbook is refused (a zip bomb)
 * @param maxSharedStrings uncompressed bytes of the shared-strings part of an .xlsx workbook, which the reader keeps
 *        in memory; past it the workbook is refused
 */
public record ExtractLimits(int maxCellLength, int maxRowLength, long maxPartSize, long maxSharedStrings) {

    /** Excel's own limit for one cell. */
    public static final int DEFAULT_MAX_CELL_LENGTH = 32_767;
    public static final int DEFAULT_MAX_ROW_LENGTH = 1 << 20;
    public static final long DEFAULT_MAX_PART_SIZE = 1L << 30;
    public static final long DEFAULT_MAX_SHARED_STRINGS = 64L << 20;

    public static final ExtractLimits DEFAULTS = new ExtractLimits(DEFAULT_MAX_CELL_LENGTH, DEFAULT_MAX_ROW_LENGTH,
            DEFAULT_MAX_PART_SIZE, DEFAULT_MAX_SHARED_STRINGS);

    public ExtractLimits {
        if (maxCellLength < 1 || maxRowLength < maxCellLength || maxPartSize < 1 || maxSharedStrings < 1) {
            throw new IllegalArgumentException("extract limits must be positive, and max-row-length at least "
                    + "max-cell-length (got max-cell-length " + maxCellLength + ", max-row-length " + maxRowLength
                    + ")");
        }
    }
}
