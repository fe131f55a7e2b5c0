package io.entrasync.source;

import java.util.Locale;

/** The file formats an HR extract can come in. */
public enum ExtractFormat {
    /** Delimited text: comma, semicolon, tab or pipe; see {@link CsvRecordSource}. */
    CSV,
    /** An Excel workbook: the first sheet, its first non-empty row is the header. */
    XLSX,
    /** JSON lines, one record per line: how an HR API read is spooled to disk; see {@link JsonLinesRecordSource}. */
    JSONL;

    /**
     * {@code csv} or {@code xlsx}, any case (JSON lines are only the API spool's); else an {@link
     * IllegalArgumentException} saying what is allowed.
     */
    public static ExtractFormat parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "xlsx" -> XLSX;
            default -> throw new IllegalArgumentException(text + ": use csv or xlsx");
        };
    }

    /**
     * The format a file name suggests: {@code .xlsx} is {@link #XLSX}, {@code .jsonl} {@link #JSONL}, anything else
     * {@link #CSV}.
     */
    public static ExtractFormat fromFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xlsx") ? XLSX : lower.endsWith(".jsonl") ? JSONL : CSV;
    }
}
