package io.entrasync.run;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;

/** Counts how many leases are held at once, to prove runs of one source never overlap. */
final class LeaseCountingStateStore implements StateStore {

    private final StateStore delegate;
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger maxHeld = new AtomicInteger();
    private final AtomicInteger acquired = new AtomicInteger();

    LeaseCountingStateStore(StateStore delegate) {
        this.delegate = delegate;
    }

    int maxHeld() {
        return maxHeld.get();
    }

    int acquired() {
        return acquired.get();
    }

    @Override
    public Lease acquireLease(String path, Duration duration) {
        Lease lease = delegate.acquireLease(path, duration);
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

    @Override
    public Optional<StoredBlob> read(String path) {
        return delegate.read(path);
    }

    @Override
    public String create(String path, byte[] content) {
        return delegate.create(path, content);
    }

    @Override
    public String replace(String path, byte[] content, String etag) {
        return delegate.replace(path, content, etag);
    }

    @Override
    public String put(String path, byte[] content) {
        return delegate.put(path, content);
    }

    @Override
    public void delete(String path) {
        delegate.delete(path);
    }

    @Override
    public List<String> list(String prefix) {
        return delegate.list(prefix);
    }
}
