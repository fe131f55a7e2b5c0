package io.entrasync.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.entrasync.state.StateStore;
import io.entrasync.support.ForwardingStateStore;

/** Counts how many leases are held at once, to prove runs of one source never overlap. */
final class LeaseCountingStateStore extends ForwardingStateStore {

    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger maxHeld = new AtomicInteger();
    private final AtomicInteger acquired = new AtomicInteger();

    LeaseCountingStateStore(StateStore delegate) {
        super(delegate);
    }

    int maxHeld() {
        return maxHeld.get();
    }

    int acquired() {
        return acquired.get();
    }

    @Override
    public Lease acquireLease(String path, Duration duration) {
        Lease lease = super.acquireLease(path, duration);
        acquired.incrementAndGet();
        maxHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
        return new Lease() {
            @Override
            public String leaseId() {
                return lease.leaseId();
            }

            @Override
            public void close() {
                held.decrementAndGet();
                lease.close();
            }
        };
    }
}
