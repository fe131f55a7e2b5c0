package io.entrasync.sync;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Watermarks are ISO-8601 instants; a stored one only ever moves forward. */
final class Watermarks {

    private Watermarks() {
    }

    /** The later of two watermarks; either may be null. A value that is not an instant loses to one that is. */
    static String later(String current, String next) {
        if (next == null) {
            return current;
        }
        if (current == null) {
            return next;
        }
        try {
            return Instant.parse(next).isBefore(Instant.parse(current)) ? current : next;
        } catch (DateTimeParseException e) {
            return next;
        }
    }
}
