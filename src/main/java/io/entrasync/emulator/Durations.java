package io.entrasync.emulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the short duration notation of the emulator's settings: {@code 0}, {@code 250ms}, {@code 5s}, {@code
 * 10m}, {@code 24h}, or ISO-8601 {@code PT5S}.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A duration is required, e.g. 250ms, 5s, 10m, 24h or PT5S");
        }
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2);
            if (unit == null) {
                if (n != 0) {
                    throw new IllegalArgumentException("Duration '" + text + "' needs a unit: ms, s, m, h or d");
                }
                return Duration.ZERO;
            }
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(t);
            if (d.isNegative()) {
                throw new IllegalArgumentException("Duration must not be negative: " + text);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a duration: '" + text + "' (use e.g. 250ms, 5s, 10m, 24h or PT5S)");
        }
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
