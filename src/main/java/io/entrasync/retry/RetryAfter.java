package io.entrasync.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one reader of an HTTP {@code Retry-After} header in the product (Microsoft Graph and the HR APIs alike),
 * after RFC 9110 §10.2.3: {@code Retry-After = HTTP-date / delay-seconds}.
 *
 * <ul>
 * <li><b>delay-seconds</b> ({@code 1*DIGIT}, ASCII digits only): that many seconds. Microsoft Graph also sends a
 * fraction: its throttling guidance's sample answer carries {@code Retry-After: 2.128}
 * (learn.microsoft.com/graph/throttling, "Sample response"); {@code 1*DIGIT "." 1*DIGIT} is read and rounded up to
 * whole seconds (3 s), because waiting less than asked earns another 429. Anything else that looks like a number
 * ({@code -5}, {@code +5}, {@code .5}, {@code 5.}, {@code 5s}, {@code 1e3}, non-ASCII digits) is not a delay and
 * counts as no header.</li>
 * <li><b>HTTP-date</b> (RFC 9110 §5.6.7): the preferred IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}) and, as
 * the RFC says recipients should, the obsolete rfc850-date ({@code Sunday, 06-Nov-94 08:49:37 GMT}; a two-digit year
 * more than 50 years ahead is the century before) and asctime-date ({@code Sun Nov  6 08:49:37 1994}). The wait is
 * measured from the caller's clock; a date in the past means "now" (zero).</li>
 * <li>absent, blank or unreadable: empty, and the caller uses its own backoff.</li>
 * <li>every wait is capped at {@link #LONGEST}: beyond a day every caller reacts the same way (Graph gives up, an HR
 * source waits its own cap), and a 30-digit delay cannot overflow.</li>
 * </ul>
 * What a caller does with a long wait is its own policy: Graph stops beyond {@code retries.max-backoff}, an HR source
 * waits at most {@code http.max-retry-after}.
 */
public final class RetryAfter {

    /** The longest wait this parser reports; a longer delay or a later date is reported as this. */
    public static final Duration LONGEST = Duration.ofDays(1);

    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
            .appendPattern("EEE MMM ppd HH:mm:ss yyyy")
            .toFormatter(Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private RetryAfter() {
    }

    /**
     * The wait the server asked for, measured from {@code now}, at most {@link #LONGEST}; zero for a date in the
     * past; empty when the header is absent or not a valid {@code Retry-After} value.
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        String whole = dot < 0 ? value : value.substring(0, dot);
        String fraction = dot < 0 ? "" : value.substring(dot + 1);
        if (isDigits(whole) && (dot < 0 || isDigits(fraction))) {
            // More digits than a long holds are still "a very long time", not garbage.
            if (whole.length() > 18) {
                return Optional.of(LONGEST);
            }
            long seconds = Long.parseLong(whole) + (fraction.chars().anyMatch(c -> c != '0') ? 1 : 0);
            return Optional.of(capped(Duration.ofSeconds(seconds)));
        }
        return httpDate(value, now).map(at -> {
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : capped(wait);
        });
    }

    /** {@code 1*DIGIT}: one or more ASCII digits. */
    private static boolean isDigits(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Optional<Instant> httpDate(String value, Instant now) {
        for (DateTimeFormatter format : List.of(DateTimeFormatter.RFC_1123_DATE_TIME, rfc850(now), ASCTIME)) {
            try {
                return Optional.of(ZonedDateTime.parse(value, format).toInstant());
            } catch (DateTimeParseException notThisFormat) {
                // try the next of the three formats
            }
        }
        return Optional.empty();
    }

    /**
     * {@code Sunday, 06-Nov-94 08:49:37 GMT}. RFC 9110 §5.6.7: a two-digit year that appears to be more than 50 years
     * in the future is the most recent year in the past with the same last two digits, so the years read lie in
     * {@code (now - 50, now + 50]}.
     */
    private static DateTimeFormatter rfc850(Instant now) {
        int thisYear = LocalDate.ofInstant(now, ZoneOffset.UTC).getYear();
        return new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, thisYear - 49)
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.ENGLISH)
                .withZone(ZoneOffset.UTC);
    }

    private static Duration capped(Duration wait) {
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
