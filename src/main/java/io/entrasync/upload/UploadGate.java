package io.entrasync.upload;

import java.util.function.IntSupplier;

import io.entrasync.graph.CallGate;

/**
 * What every bulkUpload attempt passes: one call from the daily quota, then the shared pacer.
 *
 * <p>Quota is reserved in blocks of up to {@value #BLOCK} calls (never more than the calls still planned) so a run
 * does not read and write the quota blob before every call; {@link #releaseUnused()} gives back what was not used.
 * A crash loses at most one block of unused calls, which only makes the count err on the safe side.
 */
final class UploadGate implements CallGate {

    static final int BLOCK = 10;

    private final DailyQuota quota;
    private final SlidingWindowPacer pacer;
    private final IntSupplier callsStillPlanned;
    private DailyQuota.Reservation reservation;
    private int available;

    UploadGate(DailyQuota quota, SlidingWindowPacer pacer, IntSupplier callsStillPlanned) {
        this.quota = quota;
        this.pacer = pacer;
        this.callsStillPlanned = callsStillPlanned;
    }

    @Override
    public Pass enter() throws InterruptedException {
        if (available == 0) {
            int wanted = Math.max(1, Math.min(BLOCK, callsStillPlanned.getAsInt()));
            DailyQuota.Reservation granted = quota.reserve(wanted);
            if (granted.granted() == 0) {
                throw new QuotaExhaustedException(quota.usage());
            }
            reservation = granted;
            available = granted.granted();
        }
        available--;
        SlidingWindowPacer.Permit permit = pacer.acquire();
        return permit::close;
    }

    void releaseUnused() {
        if (reservation != null && available > 0) {
            quota.release(reservation, available);
            available = 0;
        }
    }
}
