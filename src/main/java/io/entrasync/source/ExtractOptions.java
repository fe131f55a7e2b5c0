package io.entrasync.source;

import java.nio.charset.Charset;
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
 */
public record ExtractOptions(ExtractFormat format, Charset charset, Character delimiter, boolean trimValues) {

    public static ExtractOptions defaults() {
        return new ExtractOptions(null, null, null, true);
    }

    public ExtractOptions withFormat(ExtractFormat value) {
        return new ExtractOptions(value, charset, delimiter, trimValues);
    }

    public ExtractOptions withCharset(Charset value) {
        return new ExtractOptions(format, value, delimiter, trimValues);
    }

    public ExtractOptions withDelimiter(Character value) {
        return new ExtractOptions(format, charset, value, trimValues);
    }

    public ExtractOptions withTrimValues(boolean value) {
        return new ExtractOptions(format, charset, delimiter, value);
    }

    public Optional<Character> delimiterOverride() {
        return Optional.ofNullable(delimiter);
    }
}
