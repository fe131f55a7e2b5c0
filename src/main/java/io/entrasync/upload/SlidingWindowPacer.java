package io.entrasync.upload;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A blocking in-memory limiter: at most {@code calls} calls in any sliding window. {@link #acquire()} waits until a
 * call may start; it never rejects (SmallRye's {@code @RateLimit} rejects, so it cannot be the pacer).
 *
 * <p>A call occupies its slot from the moment it is let through until {@code window} after its response arrived
 * ({@link Permit#close()}), which keeps the server's count within the limit at whatever moment between send and
 * answer the server counts, at the cost of one round trip per window and slot (see {@link CallPacer}). Calls still
 * overlap: up to {@code calls} may be in flight at once. Across processes the same rule is kept by
 * {@link TenantCallWindow}; this in-memory pacer serves one process (the reports API, tests).
 */
public final class SlidingWindowPacer implements CallPacer {

    private final int maxCalls;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Calls still counted: in flight, or finished less than a window ago. In the order they were let through. */
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();

    /** A call let through; close it when its response has arrived. */
    public final class Permit implements AutoCloseable, CallPacer.Slot {
        private final Slot slot;

        private Permit(Slot slot) {
            this.slot = slot;
        }

        /** {@link System#nanoTime()} at which the call was let through. */
        public long grantedAtNanos() {
            return slot.grantedAt;
        }

        /** Marks the call finished; its slot frees up one window later. */
        @Override
        public void close() {
            finish(slot);
        }

        @Override
        public void ended() {
            close();
        }

        /** The finish time recorded by {@link #close()}, or -1 while in flight. */
        public long finishedAtNanos() {
            return slot.finished ? slot.finishedAt : -1;
        }
    }

    private static final class Slot {
        final long grantedAt;
        boolean finished;
        long finishedAt;

        Slot(long grantedAt) {
            this.grantedAt = grantedAt;
        }
    }

    public SlidingWindowPacer(PacingSettings settings) {
        this(settings, System::nanoTime);
    }

    SlidingWindowPacer(PacingSettings settings, LongSupplier nanoClock) {
        this.maxCalls = settings.calls();
        this.windowNanos = settings.window().toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public Permit awaitSlot(int callsExpected) throws InterruptedException {
        return acquire();
    }

    /** Blocks until a call may start within the limit. */
    public Permit acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                long now = nanoClock.getAsLong();
                long earliestExpiry = Long.MAX_VALUE;
                for (Iterator<Slot> it = slots.iterator(); it.hasNext();) {
                    Slot slot = it.next();
                    if (slot.finished) {
                        long expiry = slot.finishedAt + windowNanos;
                        if (expiry - now <= 0) {
                            it.remove();
                        } else {
                            earliestExpiry = Math.min(earliestExpiry, expiry);
                        }
                    }
                }
                if (slots.size() < maxCalls) {
                    Slot slot = new Slot(now);
                    slots.addLast(slot);
                    return new Permit(slot);
                }
                if (earliestExpiry == Long.MAX_VALUE) {
                    changed.await(); // every slot is in flight: wait for one to finish
                } else {
                    changed.awaitNanos(earliestExpiry - now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void finish(Slot slot) {
        lock.lock();
        try {
            if (!slot.finished) {
                slot.finished = true;
                slot.finishedAt = nanoClock.getAsLong();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PacingSettings settings() {
        return new PacingSettings(maxCalls, Duration.ofNanos(windowNanos));
    }
}
