package io.entrasync.source.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the timestamp forms HR APIs use for "last modified" and formats watermarks.
 * <ul>
 * <li>ISO-8601 with an offset: {@code 2024-05-01T10:00:00Z}, {@code 2024-05-01T10:00:00.123+02:00},
 * {@code 2011-06-02T19:26:23+0000} (BambooHR's documented {@code +hhmm} form)</li>
 * <li>OData v2 JSON dates (SuccessFactors): {@code /Date(1714557600000)/}, {@code /Date(1714557600000+0000)/}
 * (the millisecond count is UTC; the suffix only tells the original offset)</li>
 * <li>ISO-8601 without an offset, or a bare date: read as UTC</li>
 * </ul>
 */
final class Timestamps {

    private static final Pattern ODATA_DATE = Pattern.compile("^/Date\\((-?\\d+)([+-]\\d{4})?\\)/$");

    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    /** The instant written in {@code text}, or empty when it is not a timestamp this class knows. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.trim();
        Matcher odata = ODATA_DATE.matcher(value);
        if (odata.matches()) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(odata.group(1))));
        }
        try {
            var parsed = OFFSET_DATE_TIME.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime offsetDateTime) {
                return Optional.of(offsetDateTime.toInstant());
            }
            return Optional.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notDateTime) {
            try {
                return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** Formats a watermark for a filter: ISO-8601 instant when {@code pattern} is empty, else the pattern in UTC. */
    public static String format(Instant instant, String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
        }
        return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(instant);
    }
}
