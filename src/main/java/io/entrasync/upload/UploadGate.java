package io.entrasync.upload;

import java.util.function.IntSupplier;

import io.entrasync.graph.CallGate;

/**
 * What every bulkUpload attempt passes: one call from the daily quota, then the tenant's call window, whose slot the
 * pass marks sent ({@link Pass#bodySent()}) and ended ({@link Pass#close()}). Shared by the threads of one upload (the
 * dispatcher's first attempts, the workers' retries).
 *
 * <p>Quota is reserved in blocks of one pacing window's worth of calls (40 by default, never more than the calls
 * still planned), so the blob round trips happen right before the pacer's wait for the next window, where they cost
 * nothing, instead of in the middle of a burst. A pass that was not used for a request (no token could be had) gives
 * its call back; {@link #releaseUnused()} returns what is left at the end. A crash loses at most one block of unused
 * calls, which only makes the count err on the safe side (2 % of the default budget).
 */
final class UploadGate implements CallGate {

    private final DailyQuota quota;
    private final CallPacer pacer;
    private final IntSupplier callsStillPlanned;
    private DailyQuota.Reservation reservation;
    private int available;

    UploadGate(DailyQuota quota, CallPacer pacer, IntSupplier callsStillPlanned) {
        this.quota = quota;
        this.pacer = pacer;
        this.callsStillPlanned = callsStillPlanned;
    }

    @Override
    public Pass enter() throws InterruptedException {
        takeQuota();
        CallPacer.Slot slot;
        try {
            slot = pacer.awaitSlot(Math.max(1, callsStillPlanned.getAsInt()));
        } catch (InterruptedException | RuntimeException e) {
            giveBack();
            throw e;
        }
        return new Pass() {
            @Override
            public void close() {
                slot.ended(); // answered, failed or timed out
            }

            @Override
            public void unused() {
                giveBack();
            }

            @Override
            public void bodySent() {
                slot.bodySent();
            }

            @Override
            public void throttled() {
                pacer.throttled();
            }
        };
    }

    private synchronized void takeQuota() {
        if (available == 0) {
            int wanted = Math.max(1, Math.min(pacer.settings().calls(), callsStillPlanned.getAsInt()));
            DailyQuota.Reservation granted = quota.reserve(wanted);
            if (granted.granted() == 0) {
                throw new QuotaExhaustedException(quota.usage());
            }
            reservation = granted;
            available = granted.granted();
        }
        available--;
    }

    private synchronized void giveBack() {
        if (reservation != null) {
            available++;
        }
    }

    synchronized void releaseUnused() {
        if (reservation != null && available > 0) {
            quota.release(reservation, available);
            available = 0;
        }
        pacer.releaseUnused();
    }
}
