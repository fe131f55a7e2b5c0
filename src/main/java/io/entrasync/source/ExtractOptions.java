package io.entrasync.source;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;

/**
 * How to read an extract. Everything has a sensible default: {@code ExtractOptions.defaults()}.
 *
 * @param format CSV or XLSX; {@code null} means "from the file name"
 * @param charset the charset of a CSV file without byte-order mark; {@code null} means UTF-8. A byte-order mark
 *        (UTF-8, UTF-16 LE/BE) always wins over this setting.
 * @param delimiter the CSV field delimiter; {@code null} means auto-detect from the header line (comma, semicolon,
 *        tab or pipe, whichever occurs most often outside quotes)
 * @param trimValues strip leading and trailing white space from every value (header names are always trimmed)
 * @param limits how much one extract may make the reader hold or unpack
 */
public record ExtractOptions(ExtractFormat format, Charset charset, Character delimiter, boolean trimValues,
        ExtractLimits limits) {

    public ExtractOptions {
        limits = limits == null ? ExtractLimits.DEFAULTS : limits;
    }

    public ExtractOptions(ExtractFormat format, Charset charset, Character delimiter, boolean trimValues) {
        this(format, charset, delimiter, trimValues, ExtractLimits.DEFAULTS);
    }

    public static ExtractOptions defaults() {
        return new ExtractOptions(null, null, null, true);
    }

    public ExtractOptions withFormat(ExtractFormat value) {
        return new ExtractOptions(value, charset, delimiter, trimValues, limits);
    }

    public ExtractOptions withCharset(Charset value) {
        return new ExtractOptions(format, value, delimiter, trimValues, limits);
    }

    public ExtractOptions withDelimiter(Character value) {
        return new ExtractOptions(format, charset, value, trimValues, limits);
    }

    public ExtractOptions withTrimValues(boolean value) {
        return new ExtractOptions(format, charset, delimiter, value, limits);
    }

    public ExtractOptions withLimits(ExtractLimits value) {
        return new ExtractOptions(format, charset, delimiter, trimValues, value);
    }

    public Optional<Character> delimiterOverride() {
        return Optional.ofNullable(delimiter);
    }

    /**
     * A delimiter as people write it: {@code , ; | tab} or {@code comma semicolon pipe tab} (and {@code \t});
     * else an {@link IllegalArgumentException} saying what is allowed.
     */
    public static char parseDelimiter(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "\t", "\\t", "tab" -> '\t';
            case "|", "pipe" -> '|';
            default -> throw new IllegalArgumentException(text + ": use , ; tab or |");
        };
    }

    /** A charset by name; else an {@link IllegalArgumentException} with examples of valid names. */
    public static Charset parseCharset(String text) {
        try {
            return Charset.forName(text);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException(text + ": unknown charset (e.g. UTF-8, windows-1252, ISO-8859-1)");
        }
    }
}
