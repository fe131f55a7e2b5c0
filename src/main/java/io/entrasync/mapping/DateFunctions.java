package io.entrasync.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date functions of mapping expressions: {@code date(s)}, {@code date(s, format)} and {@code addDays(d, n)}.
 * Dates are ISO texts ({@code 2027-03-31}), so they compare with {@code <}, {@code >=}, ... and with {@code today}.
 * A blank value, and an HR system's "end of time" (a year from 4712 on: Oracle's {@code 4712-12-31}, SAP's
 * {@code 9999-12-31}), is no date: the empty text.
 */
final class DateFunctions {

    /** The first year HR systems use to mean "no end" (Oracle HCM 4712-12-31; SAP and others 9999-12-31). */
    static final int END_OF_TIME_YEAR = 4712;
    /** OData v2 / .NET JSON dates: {@code /Date(1617235200000)/}, optionally with an offset {@code +0100}. */
    private static final Pattern ODATA = Pattern.compile("/Date\\((-?\\d{1,15})([+-]\\d{4})?\\)/");
    private static final Pattern DIGITS = Pattern.compile("-?\\d{1,12}");

    private DateFunctions() {
    }

    /** {@code date(s)}: ISO date or date-time, OData {@code /Date(ms)/} or epoch seconds, whichever it is. */
    static String date(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String text = value.strip();
        LocalDate parsed = parseIso(text);
        if (parsed == null) {
            parsed = parseOData(text);
        }
        if (parsed == null && DIGITS.matcher(text).matches()) {
            parsed = onDay(Instant.ofEpochSecond(Long.parseLong(text)));
        }
        if (parsed == null) {
            throw new TextFunctions.DateConversionException("'" + value + "' is not a date (ISO such as 2027-03-31, "
                    + "OData /Date(…)/ or epoch seconds); give its format: date(value, \"dd.MM.yyyy\")");
        }
        return seen(parsed);
    }

    /**
     * {@code date(s, format)}: {@code format} is a pattern ({@code dd.MM.yyyy}, {@code M/d/yyyy}) or one of
     * {@code iso}, {@code odata}, {@code epoch}.
     */
    static String date(String value, String format) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String text = value.strip();
        LocalDate parsed = switch (format) {
            case "iso" -> parseIso(text);
            case "odata" -> parseOData(text);
            case "epoch" -> DIGITS.matcher(text).matches() ? onDay(Instant.ofEpochSecond(Long.parseLong(text)))
                    : null;
            default -> parsePattern(text, format);
        };
        if (parsed == null) {
            throw new TextFunctions.DateConversionException("'" + value + "' is not a date in the format '" + format
                    + "'");
        }
        return seen(parsed);
    }

    /** {@code addDays(d, n)}: the ISO date {@code n} days after {@code d} (before, for a negative n). */
    static String addDays(String isoDate, long days) {
        if (isoDate == null || isoDate.isBlank()) {
            return "";
        }
        LocalDate date;
        try {
            date = LocalDate.parse(isoDate.strip());
        } catch (DateTimeParseException e) {
            throw new TextFunctions.DateConversionException("addDays() needs an ISO date such as 2027-03-31 (from "
                    + "date() or today), not '" + isoDate + "'");
        }
        LocalDate result = date.plusDays(days);
        TimeScope.current().ifPresent(scope -> {
            if (scope.isToday(isoDate.strip())) {
                scope.sawOffset(days);
            } else {
                scope.sawDate(result);
            }
        });
        return result.toString();
    }

    private static String seen(LocalDate date) {
        if (date.getYear() >= END_OF_TIME_YEAR) {
            return "";
        }
        TimeScope.current().ifPresent(scope -> scope.sawDate(date));
        return date.toString();
    }

    private static LocalDate parseIso(String text) {
        try {
            if (text.length() <= 10) {
                return LocalDate.parse(text);
            }
            TemporalAccessor parsed = java.time.format.DateTimeFormatter.ISO_DATE_TIME.parseBest(text,
                    OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? onDay(offset.toInstant())
                    : ((LocalDateTime) parsed).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate parseOData(String text) {
        Matcher odata = ODATA.matcher(text);
        if (!odata.matches()) {
            return null;
        }
        Instant instant = Instant.ofEpochMilli(Long.parseLong(odata.group(1)));
        if (odata.group(2) != null) {
            return instant.atOffset(ZoneOffset.of(odata.group(2))).toLocalDate();
        }
        return onDay(instant);
    }

    private static LocalDate parsePattern(String text, String pattern) {
        try {
            TemporalAccessor parsed = TextFunctions.formatter(pattern).parseBest(text, OffsetDateTime::from,
                    LocalDateTime::from, LocalDate::from);
            if (parsed instanceof OffsetDateTime offset) {
                return onDay(offset.toInstant());
            }
            return parsed instanceof LocalDateTime local ? local.toLocalDate() : (LocalDate) parsed;
        } catch (DateTimeParseException e) {
            return null;
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new TextFunctions.DateConversionException("'" + pattern + "' is not a date format: "
                    + e.getMessage());
        }
    }

    /** The day an instant falls on in the source's zone (UTC outside a mapping). */
    private static LocalDate onDay(Instant instant) {
        ZoneId zone = TimeScope.current().map(TimeScope::zone).orElse(ZoneOffset.UTC);
        return instant.atZone(zone).toLocalDate();
    }
}
