package io.entrasync.delta;

import java.time.Instant;

/**
 * A record whose last send failed at the service (or was never confirmed): the next delta run sends it again even
 * when its data did not change.
 *
 * @param sentAt when the failed send was accepted
 * @param outcome the reconciled outcome's label ({@code service-failed}, {@code unconfirmed})
 * @param detail the error code or cause, for the results line of the re-send
 */
public record FailedMark(Instant sentAt, String outcome, String detail) {
}
