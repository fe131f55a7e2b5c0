package io.entrasync.mapping;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The helpers HR data needs, as plain Java: used by the CEL functions of {@link MappingExpressions} and by the
 * declarative {@code format:} option. All are null-safe and turn a blank input into an empty string.
 */
final class TextFunctions {

    /** The form the provisioning service needs for dates: ISO 8601 with a time part, in UTC. */
    public static final DateTimeFormatter SCIM_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private TextFunctions() {
    }

    /** Thrown by {@link #toIsoDateTime} for a value that does not match its pattern. */
    public static final class DateConversionException extends RuntimeException {
        DateConversionException(String message) {
            super(message);
        }
    }

    public static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    public static String upper(String value) {
        return value == null ? "" : value.toUpperCase(Locale.ROOT);
    }

    /** {@code "ANNE-MARIE o'NEILL"} → {@code "Anne-Marie O'Neill"}: each word's first letter upper case. */
    public static String titleCase(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean startOfWord = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(startOfWord ? Character.toTitleCase(c) : Character.toLowerCase(c));
            startOfWord = Character.isWhitespace(c) || c == '-' || c == '\'' || c == '’';
        }
        return out.toString();
    }

    /**
     * Removes diacritics and spells out letters that have no decomposition, so the value fits a userName:
     * {@code "Zoë Åström-Ørsted Łukasz Straße"} → {@code "Zoe Astrom-Orsted Lukasz Strasse"}.
     */
    public static String ascii(String value) {
        if (value == null) {
            return "";
        }
        boolean plain = true;
        for (int i = 0; i < value.length() && plain; i++) {
            plain = value.charAt(i) < 0x80;
        }
        if (plain) {
            return value;
        }
        String decomposed = COMBINING_MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFD)).replaceAll("");
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            switch (c) {
                case 'ß' -> out.append("ss");
                case 'ẞ' -> out.append("SS");
                case 'æ' -> out.append("ae");
                case 'Æ' -> out.append("AE");
                case 'œ' -> out.append("oe");
                case 'Œ' -> out.append("OE");
                case 'ø' -> out.append('o');
                case 'Ø' -> out.append('O');
                case 'ł' -> out.append('l');
                case 'Ł' -> out.append('L');
                case 'đ' -> out.append('d');
                case 'Đ' -> out.append('D');
                case 'ð' -> out.append('d');
                case 'Ð' -> out.append('D');
                case 'þ' -> out.append("th");
                case 'Þ' -> out.append("TH");
                case 'ı' -> out.append('i');
                case '’', '‘' -> out.append('\'');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Folds a name to ASCII by the German convention for user names and mail nicknames: ä→ae, ö→oe, ü→ue
     * (Ä→Ae, ...), ß→ss; every other letter as {@link #ascii} does (diacritics stripped, ł→l, ı→i, ø→o, æ→ae):
     * {@code "Jürgen Weiß-Łukasiewicz"} → {@code "Juergen Weiss-Lukasiewicz"}. A decomposed umlaut (u + U+0308) is
     * folded the same way.
     */
    public static String asciiName(String value) {
        if (value == null) {
            return "";
        }
        String composed = Normalizer.normalize(value, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length() + 4);
        for (int i = 0; i < composed.length(); i++) {
            char c = composed.charAt(i);
            switch (c) {
                case 'ä' -> out.append("ae");
                case 'ö' -> out.append("oe");
                case 'ü' -> out.append("ue");
                case 'Ä' -> out.append(umlautUpper(composed, i, 'A'));
                case 'Ö' -> out.append(umlautUpper(composed, i, 'O'));
                case 'Ü' -> out.append(umlautUpper(composed, i, 'U'));
                default -> out.append(c);
            }
        }
        return ascii(out.toString());
    }

    /** Ä is "Ae" in a name ("Äbi" → "Aebi") and "AE" in a word written in capitals ("MÜLLER" → "MUELLER"). */
    private static String umlautUpper(String text, int at, char base) {
        boolean nextUpper = at + 1 < text.length() && Character.isUpperCase(text.charAt(at + 1));
        boolean lastOfCapitals = at > 0 && Character.isUpperCase(text.charAt(at - 1))
                && (at + 1 >= text.length() || !Character.isLetter(text.charAt(at + 1)));
        boolean capitals = nextUpper || lastOfCapitals;
        return capitals ? base + "E" : base + "e";
    }

    /** The value, or the fallback when the value is empty or blank. */
    public static String ifEmpty(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Parses {@code value} with a {@link DateTimeFormatter} pattern ({@code dd.MM.yyyy}, {@code M/d/yyyy HH:mm})
     * and writes it as the service wants it, {@code 2021-05-01T00:00:00Z}. A value without a time is the start of
     * that day; a value without an offset is in {@code zone}. Blank gives an empty string.
     *
     * @throws DateConversionException when the value does not match the pattern
     */
    public static String toIsoDateTime(String value, String pattern, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return "";
        }
        DateTimeFormatter formatter = formatter(pattern);
        try {
            TemporalAccessor parsed = formatter.parseBest(value.strip(), ZonedDateTime::from, OffsetDateTime::from,
                    LocalDateTime::from, LocalDate::from);
            Instant instant;
            if (parsed instanceof ZonedDateTime zoned) {
                instant = zoned.toInstant();
            } else if (parsed instanceof OffsetDateTime offset) {
                instant = offset.toInstant();
            } else if (parsed instanceof LocalDateTime local) {
                instant = local.atZone(zone).toInstant();
            } else {
                instant = ((LocalDate) parsed).atStartOfDay(zone).toInstant();
            }
            return SCIM_DATE_TIME.format(instant);
        } catch (DateTimeParseException e) {
            throw new DateConversionException("'" + value + "' is not a date in the format '" + pattern + "'");
        }
    }

    /**
     * Checks that a value is already in a form the service accepts: ISO 8601 with a time part and an offset
     * ({@code 2021-05-01T00:00:00Z}). Returns {@code null} when it is, otherwise what is wrong.
     */
    public static String checkIsoDateTime(String value) {
        try {
            OffsetDateTime.parse(value);
            return null;
        } catch (DateTimeParseException e) {
            if (DATE_ONLY.matcher(value).matches()) {
                return "'" + value + "' has no time part; the service needs " + value + "T00:00:00Z (add "
                        + "format: yyyy-MM-dd to the attribute to convert it)";
            }
            return "'" + value + "' is not an ISO 8601 date-time such as 2021-05-01T00:00:00Z (add format: <pattern> "
                    + "to the attribute to convert it)";
        }
    }

    /** A cached, strict formatter for a pattern; {@code yyyy} means the proleptic year, as people expect. */
    static DateTimeFormatter formatter(String pattern) {
        return FORMATTERS.computeIfAbsent(pattern, p -> DateTimeFormatter.ofPattern(yearOfEra(p), Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT));
    }

    /** STRICT resolution needs an era with {@code y}; {@code u} is the same year without one. */
    private static String yearOfEra(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        boolean literal = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                literal = !literal;
            }
            out.append(!literal && c == 'y' ? 'u' : c);
        }
        return out.toString();
    }

    /** {@code null} when the pattern is usable, otherwise why not. */
    static String checkPattern(String pattern) {
        try {
            formatter(pattern);
            return null;
        } catch (IllegalArgumentException e) {
            return "'" + pattern + "' is not a date pattern: " + e.getMessage();
        }
    }

    /** {@code null} when the zone id is known, otherwise why not. */
    static String checkZone(String zone) {
        try {
            ZoneId.of(zone);
            return null;
        } catch (DateTimeException e) {
            return "'" + zone + "' is not a time zone (use e.g. Europe/Berlin or UTC)";
        }
    }
}
