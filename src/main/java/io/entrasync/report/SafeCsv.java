package io.entrasync.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;

/**
 * The one rule for CSV files written for people (results.csv, rejected.csv, any export): UTF-8 with a byte-order
 * mark and CRLF line ends, so that Excel opens them with names intact; and no cell that Excel would run as a formula.
 *
 * <p>CSV injection ("formula injection"): a cell starting with {@code = + - @}, a tab or a carriage return is
 * evaluated by spreadsheet programs ({@code =HYPERLINK("http://x","y")}, {@code +cmd|' /C calc'!A0}). As the OWASP
 * <a href="https://owasp.org/www-community/attacks/CSV_Injection">CSV Injection</a> page recommends, such a cell is
 * prefixed with a single quote (which Excel shows as text and hides) and written quoted; the value stays readable.
 * A value that already starts with quotes followed by one of those characters gets one more quote, so that
 * {@link #original(String)} gives back exactly what was written. Other control characters (NUL, ESC, ...; tab and
 * line breaks inside a value are kept, quoted) are shown as {@code \u0000}: invisible bytes in a report help nobody.
 */
public final class SafeCsv {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private SafeCsv() {
    }

    /** A CSV writer over {@code out} following the rule above; the byte-order mark is written at once. */
    public static CsvWriter writer(OutputStream out) {
        try {
            out.write(UTF8_BOM);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF)
                .build(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /** Writes one record with every cell {@link #neutralise(String) neutralised}. */
    public static void writeRecord(CsvWriter csv, String... cells) {
        String[] safe = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = neutralise(cells[i]);
        }
        csv.writeRecord(safe);
    }

    /** The cell as it can be written safely: {@code null} as empty, a formula trigger prefixed with {@code '}. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        value = showControlCharacters(value);
        int first = 0;
        while (first < value.length() && value.charAt(first) == '\'') {
            first++;
        }
        return first < value.length() && isTrigger(value.charAt(first)) ? "'" + value : value;
    }

    /** The value {@link #neutralise(String)} was given, for code that reads such a file back. */
    public static String original(String cell) {
        if (cell == null || cell.isEmpty() || cell.charAt(0) != '\'') {
            return cell;
        }
        int first = 0;
        while (first < cell.length() && cell.charAt(first) == '\'') {
            first++;
        }
        return first < cell.length() && isTrigger(cell.charAt(first)) ? cell.substring(1) : cell;
    }

    /** Strips the byte-order mark this class writes from the first cell of a file read back. */
    public static String withoutBom(String firstCell) {
        return firstCell != null && firstCell.startsWith("\uFEFF") ? firstCell.substring(1) : firstCell;
    }

    /** {@code value} with each control character other than tab, CR and LF written as {@code \u0000}. */
    public static String showControlCharacters(String value) {
        StringBuilder shown = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
            if (control && shown == null) {
                shown = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (control) {
                shown.append(String.format("\\u%04X", (int) c));
            } else if (shown != null) {
                shown.append(c);
            }
        }
        return shown == null ? value : shown.toString();
    }

    private static boolean isTrigger(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
