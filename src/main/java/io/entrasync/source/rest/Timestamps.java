package io.entrasync.source.rest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
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
 * <li>with the watermark format {@value #EPOCH_SECONDS} or {@value #EPOCH_MILLIS}: a count of seconds or
 * milliseconds since 1970-01-01T00:00Z (Namely's {@code updated_at}), fractions of a second allowed</li>
 * </ul>
 */
final class Timestamps {

    /** The watermark format of a count of seconds since the epoch, in filters and in record fields. */
    static final String EPOCH_SECONDS = "epoch-seconds";
    /** The watermark format of a count of milliseconds since the epoch. */
    static final String EPOCH_MILLIS = "epoch-millis";

    private static final Pattern ODATA_DATE = Pattern.compile("^/Date\\((-?\\d+)([+-]\\d{4})?\\)/$");

    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    /** A plain decimal count, no exponent: {@code 1e999999999} must not make a number of a billion digits. */
    private static final Pattern EPOCH_COUNT = Pattern.compile("-?\\d{1,19}(\\.\\d{1,9})?");
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

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

    /**
     * The instant written in {@code text} under the watermark format {@code format}: a number of seconds or
     * milliseconds for the epoch formats (anything else is no timestamp), else any form {@link #parse(String)} knows.
     */
    static Optional<Instant> parse(String text, String format) {
        boolean seconds = EPOCH_SECONDS.equals(format);
        if (!seconds && !EPOCH_MILLIS.equals(format)) {
            return parse(text);
        }
        if (text == null || !EPOCH_COUNT.matcher(text.trim()).matches()) {
            return Optional.empty();
        }
        try {
            BigDecimal count = new BigDecimal(text.trim());
            BigDecimal nanos = count.movePointRight(seconds ? 9 : 6).setScale(0, RoundingMode.FLOOR);
            BigDecimal[] split = nanos.divideAndRemainder(NANOS_PER_SECOND);
            return Optional.of(Instant.ofEpochSecond(split[0].longValueExact(), split[1].longValueExact()));
        } catch (NumberFormatException | ArithmeticException | DateTimeException notACount) {
            return Optional.empty();
        }
    }

    /**
     * Formats a watermark for a filter: ISO-8601 instant when {@code pattern} is empty, a whole number for the epoch
     * formats, else the pattern in UTC.
     */
    public static String format(Instant instant, String pattern) {
        if (EPOCH_SECONDS.equals(pattern)) {
            return Long.toString(instant.getEpochSecond());
        }
        if (EPOCH_MILLIS.equals(pattern)) {
            return Long.toString(instant.toEpochMilli());
        }
        if (pattern == null || pattern.isEmpty()) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
        }
        return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(instant);
    }
}
