package io.entrasync.upload;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * A blocking in-memory limiter: at most {@code calls} calls in any sliding window. {@link #acquire()} waits until a
 * call may start; it never rejects (SmallRye's {@code @RateLimit} rejects, so it cannot be the pacer).
 *
 * <p>A call occupies its slot from the moment it is let through until the end {@link PacingSettings.Hold} gives it:
 * one window after its body was sent plus the send margin ({@link Permit#bodySent()}; learned from the call's own
 * answer and the 429s met, see {@link SendMargin}), or after its answer
 * ({@link Permit#close()}) if that came first or if the rule is {@link PacingSettings.Hold#ANSWER} (see
 * {@link CallPacer}). Calls overlap: up to {@code calls} may be in flight at once. Across processes the same rule is
 * kept by {@link TenantCallWindow}; this in-memory pacer serves one process (the reports API, tests).
 */
public final class SlidingWindowPacer implements CallPacer {

    private static final Logger LOG = Logger.getLogger(SlidingWindowPacer.class);

    private final PacingSettings settings;
    private final long windowNanos;
    /** The margin past a sent call's window, learned from the answers and 429s this pacer meets. */
    private final SendMargin sendMargin;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Calls still counted: in flight, or ended less than a window ago. In the order they were let through. */
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    /** Every slot held until its answer: the rule, or a 429 seen although the window was kept. */
    private boolean untilAnswer;

    /** A call let through; mark it once the HTTP client has taken its whole body, close it when its answer arrived. */
    public final class Permit implements AutoCloseable, CallPacer.Slot {
        private final Slot slot;

        private Permit(Slot slot) {
            this.slot = slot;
        }

        /** {@link System#nanoTime()} at which the call was let through. */
        public long grantedAtNanos() {
            return slot.grantedAt;
        }

        @Override
        public void bodySent() {
            mark(slot, false);
        }

        /** Marks the call finished (answered, failed, timed out). */
        @Override
        public void close() {
            mark(slot, true);
        }

        @Override
        public void ended() {
            close();
        }

        /** The finish time recorded by {@link #close()}, or -1 while in flight. */
        public long finishedAtNanos() {
            return slot.finished ? slot.finishedAt : -1;
        }

        /** The send time recorded by {@link #bodySent()}, or -1 if it was never marked sent. */
        public long bodySentAtNanos() {
            return slot.bodySent ? slot.bodySentAt : -1;
        }
    }

    private static final class Slot {
        final long grantedAt;
        boolean bodySent;
        long bodySentAt;
        boolean finished;
        long finishedAt;
        /** The send margin its answer gave it (see {@link SendMargin#marginFor}). */
        long margin;

        Slot(long grantedAt) {
            this.grantedAt = grantedAt;
        }
    }

    public SlidingWindowPacer(PacingSettings settings) {
        this(settings, System::nanoTime);
    }

    SlidingWindowPacer(PacingSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.windowNanos = settings.window().toNanos();
        this.sendMargin = SendMargin.inNanos(settings, nanoClock);
        this.nanoClock = nanoClock;
        this.untilAnswer = settings.hold() == PacingSettings.Hold.ANSWER;
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
                long earliestExpiry = HoldRule.UNKNOWN;
                for (Iterator<Slot> it = slots.iterator(); it.hasNext();) {
                    Slot slot = it.next();
                    long expiry = HoldRule.countedUntil(untilAnswer, slot.bodySent ? slot.bodySentAt : HoldRule.UNKNOWN,
                            slot.finished ? slot.finishedAt : HoldRule.UNKNOWN,
                            slot.margin, windowNanos);
                    if (expiry == HoldRule.UNKNOWN) {
                        continue; // in flight, end not known yet
                    }
                    if (expiry - now <= 0) {
                        it.remove();
                    } else {
                        earliestExpiry = Math.min(earliestExpiry, expiry);
                    }
                }
                if (slots.size() < settings.calls()) {
                    Slot slot = new Slot(now);
                    slots.addLast(slot);
                    return new Permit(slot);
                }
                if (earliestExpiry == HoldRule.UNKNOWN) {
                    changed.await(); // no slot's end is known yet: wait for a send or an answer
                } else {
                    changed.awaitNanos(earliestExpiry - now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void mark(Slot slot, boolean finish) {
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            if (finish && !slot.finished) {
                slot.finished = true;
                slot.finishedAt = now;
                if (slot.bodySent) {
                    slot.margin = sendMargin.marginFor(now - slot.bodySentAt);
                }
                changed.signalAll();
            } else if (!finish && !slot.bodySent && !slot.finished) {
                slot.bodySent = true;
                slot.bodySentAt = now;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void throttled() {
        lock.lock();
        try {
            if (untilAnswer) {
                return;
            }
            if (sendMargin.raise()) {
                LOG.info(HoldRule.raisedMessage(settings, "", sendMargin.least() / 1_000_000 + " ms"));
            } else {
                untilAnswer = true;
                LOG.warn(HoldRule.throttledWarning(settings, ""));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PacingSettings settings() {
        return settings;
    }
}
