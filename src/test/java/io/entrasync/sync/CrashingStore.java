package io.entrasync.sync;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;

/** A state store that dies (throws) on the n-th write to a path containing a marker: a process killed mid-sync. */
final class CrashingStore implements StateStore {

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String path) {
            super("simulated crash before writing " + path);
        }
    }

    private final StateStore delegate;
    private final String marker;
    private final int crashOnWrite;
    private final AtomicInteger writes = new AtomicInteger();

    CrashingStore(StateStore delegate, String marker, int crashOnWrite) {
        this.delegate = delegate;
        this.marker = marker;
        this.crashOnWrite = crashOnWrite;
    }

    private void maybeCrash(String path) {
        if (path.contains(marker) && writes.incrementAndGet() == crashOnWrite) {
            throw new SimulatedCrash(path);
        }
    }

    @Override
    public Optional<StoredBlob> read(String path) {
        return delegate.read(path);
    }

    @Override
    public String create(String path, byte[] content) {
        maybeCrash(path);
        return delegate.create(path, content);
    }

    @Override
    public String replace(String path, byte[] content, String etag) {
        maybeCrash(path);
        return delegate.replace(path, content, etag);
    }

    @Override
    public String put(String path, byte[] content) {
        maybeCrash(path);
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

    @Override
    public Lease acquireLease(String path, Duration duration) {
        return delegate.acquireLease(path, duration);
    }
}
