package io.entrasync.upload;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Calls to bulkUpload allowed per rolling 24 hours for a tenant, shared by every run and instance. */
public interface DailyQuota {

    /**
     * Reserves up to {@code calls} calls now; the grant may be smaller (down to 0 when the budget is spent).
     * Every reserved call counts for 24 hours unless {@linkplain #release released} unused.
     */
    Reservation reserve(int calls);

    /** Gives back {@code unused} calls of a reservation that were not made. */
    void release(Reservation reservation, int unused);

    /** Calls counted in the last 24 hours and when the oldest of them stops counting. */
    Usage usage();

    /**
     * Calls counted in each hour of the last 24, oldest first: 24 values, the last one the hour up to now. Empty when
     * the implementation does not keep the history (for the status page).
     */
    default List<Integer> usedByHour() {
        return List.of();
    }

    /**
     * Calls reserved against the quota.
     *
     * @param granted calls granted
     * @param minute  the epoch minute they were counted under
     */
    record Reservation(int granted, long minute) {
    }

    /**
     * @param used calls counted in the last 24 hours
     * @param budget calls allowed per 24 hours
     * @param nextFreeAt when the oldest counted call stops counting (empty when nothing is counted)
     */
    record Usage(int used, int budget, Optional<Instant> nextFreeAt) {
        public int remaining() {
            return Math.max(0, budget - used);
        }
    }
}
