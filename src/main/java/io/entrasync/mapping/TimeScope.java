package io.entrasync.mapping;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The time one record is mapped at: {@code today} and {@code now} in the source's time zone, and the dates the
 * record's expressions produced, from which {@link #nextChange()} tells when the mapped result can next differ.
 *
 * <p>A result that compares dates with {@code today} can only change at the start of a day: the day of a date it
 * read ({@code exit > today} flips when the exit date comes) or the day after it ({@code exit >= today}); shifted by
 * every {@code addDays(today, n)} the expression used. The earliest such day after today is the next change. It may
 * be a day on which nothing changes after all (the record is then mapped again, found identical and not sent), but
 * never later than a real change.
 *
 * <p>CEL function bindings receive only their arguments, so the scope of the record being mapped is kept in a
 * thread-local for the duration of {@link Mapping#map} (a mapping maps one record at a time per thread).
 */
final class TimeScope implements AutoCloseable {

    private static final ThreadLocal<TimeScope> CURRENT = new ThreadLocal<>();
    private static final DateTimeFormatter NOW = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ZoneId zone;
    private final LocalDate today;
    private final String todayText;
    private final String nowText;
    private final Set<LocalDate> dates = new HashSet<>();
    private final Set<Long> offsets = new HashSet<>();

    private TimeScope(Clock clock) {
        this.zone = clock.getZone();
        ZonedDateTime now = ZonedDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        this.today = now.toLocalDate();
        this.todayText = today.toString();
        this.nowText = NOW.format(now);
        offsets.add(0L);
    }

    /** Opens the scope of one record on this thread; close it when the record is mapped. */
    static TimeScope open(Clock clock) {
        TimeScope scope = new TimeScope(clock);
        CURRENT.set(scope);
        return scope;
    }

    /** The scope of the record being mapped on this thread, if any. */
    static Optional<TimeScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    ZoneId zone() {
        return zone;
    }

    String today() {
        return todayText;
    }

    String now() {
        return nowText;
    }

    /** A date an expression produced from the record (not from {@code today}). */
    void sawDate(LocalDate date) {
        dates.add(date);
    }

    /** An {@code addDays(..., n)}: a date compared with {@code today + n} flips {@code n} days earlier. */
    void sawOffset(long days) {
        offsets.add(days);
    }

    /** Whether a date text is {@code today} itself (an offset from it is a shifted today, not a record's date). */
    boolean isToday(String iso) {
        return todayText.equals(iso);
    }

    /** The start of the earliest day after today on which the result can change, in the source's zone. */
    Optional<Instant> nextChange() {
        LocalDate next = null;
        for (LocalDate date : dates) {
            for (long offset : offsets) {
                for (LocalDate day : new LocalDate[] {date.minusDays(offset), date.minusDays(offset).plusDays(1)}) {
                    if (day.isAfter(today) && (next == null || day.isBefore(next))) {
                        next = day;
                    }
                }
            }
        }
        return next == null ? Optional.empty() : Optional.of(next.atStartOfDay(zone).toInstant());
    }

    @Override
    public void close() {
        CURRENT.remove();
    }
}
