package io.entrasync.source;

import java.util.Locale;

/** The file formats an HR extract can come in. */
public enum ExtractFormat {
    /** Delimited text: comma, semicolon, tab or pipe; see {@link CsvRecordSource}. */
    CSV,
    /** An Excel workbook: the first sheet, its first non-empty row is the header. */
    XLSX;

    /** {@code csv} or {@code xlsx}, any case; else an {@link IllegalArgumentException} saying what is allowed. */
    public static ExtractFormat parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "xlsx" -> XLSX;
            default -> throw new IllegalArgumentException(text + ": use csv or xlsx");
        };
    }

    /** The format a file name suggests: {@code .xlsx} is {@link #XLSX}, anything else {@link #CSV}. */
    public static ExtractFormat fromFileName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? XLSX : CSV;
    }
}
