package io.entrasync.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.entrasync.upload.TenantWindowBlob.Held;

/**
 * Where a new slot fits among the slots of the shared tenant window ({@link TenantCallWindow}), as one instance sees
 * them: when each slot ends, and the earliest moment a new one keeps fewer than {@code calls} held at every later
 * moment.
 */
final class WindowSchedule {

    private final String ownPrefix;
    private final int calls;
    private final long windowMillis;
    private final long clockMarginMillis;
    private final long maxAttemptMillis;
    /** How far beyond now plus one window a slot is claimed: past it, an end not reported yet may come earlier. */
    private final long lookAheadMillis;

    /**
     * @param owner         this instance's prefix of slot ids: its own slots get no clock margin
     * @param clockMargin   added to the end of other instances' slots
     * @param maxAttempt    how long a slot whose end was never reported (a crashed process) is held past its start
     * @param lookAhead     how far beyond one window from now a slot is claimed (the send and clock margins)
     */
    WindowSchedule(String owner, int calls, long windowMillis, long clockMargin, long maxAttempt, long lookAhead) {
        this.ownPrefix = owner + "-";
        this.calls = calls;
        this.windowMillis = windowMillis;
        this.clockMarginMillis = clockMargin;
        this.maxAttemptMillis = maxAttempt;
        this.lookAheadMillis = lookAhead;
    }

    /**
     * The earliest moment from {@code now} at which a new slot (held until further notice) keeps fewer than
     * {@code calls} slots held at every moment after it; empty when that moment depends on answers not reported yet
     * (it would lie beyond the window's reach of the answers known so far).
     */
    Optional<Long> earliestFreeSlot(List<Held> held, long now) {
        List<Long> candidates = new ArrayList<>();
        candidates.add(now);
        for (Held slot : held) {
            long end = end(slot);
            if (end > now) {
                candidates.add(end);
            }
        }
        candidates.sort(null);
        long reach = now + windowMillis + lookAheadMillis;
        for (long t : candidates) {
            if (t > reach) {
                return Optional.empty();
            }
            if (fewerThanLimitFrom(held, t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** When a slot stops counting for this instance: another instance's slot the clock margin later. */
    long end(Held slot) {
        long clockMargin = slot.id.startsWith(ownPrefix) ? 0 : clockMarginMillis;
        long until = slot.until == HoldRule.UNKNOWN ? slot.at + maxAttemptMillis + windowMillis : slot.until;
        return until + clockMargin;
    }

    private boolean fewerThanLimitFrom(List<Held> held, long t) {
        if (heldAt(held, t) >= calls) {
            return false;
        }
        for (Held slot : held) {
            if (slot.at > t && heldAt(held, slot.at) >= calls) {
                return false;
            }
        }
        return true;
    }

    private int heldAt(List<Held> held, long moment) {
        int count = 0;
        for (Held slot : held) {
            if (slot.at <= moment && end(slot) > moment) {
                count++;
            }
        }
        return count;
    }
}
