package io.entrasync.support;

import java.util.concurrent.atomic.AtomicInteger;

import io.entrasync.state.StateStore;

/** A state store that dies (throws) on the n-th write to a path containing a marker: a process killed mid-run. */
public final class CrashingStateStore extends ForwardingStateStore {

    public static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String path) {
            super("simulated crash before writing " + path);
        }
    }

    private final String marker;
    private final int crashOnWrite;
    private final AtomicInteger writes = new AtomicInteger();

    public CrashingStateStore(StateStore delegate, String marker, int crashOnWrite) {
        super(delegate);
        this.marker = marker;
        this.crashOnWrite = crashOnWrite;
    }

    private void maybeCrash(String path) {
        if (path.contains(marker) && writes.incrementAndGet() == crashOnWrite) {
            throw new SimulatedCrash(path);
        }
    }

    @Override
    public String create(String path, byte[] content) {
        maybeCrash(path);
        return super.create(path, content);
    }

    @Override
    public String replace(String path, byte[] content, String etag) {
        maybeCrash(path);
        return super.replace(path, content, etag);
    }

    @Override
    public String put(String path, byte[] content) {
        maybeCrash(path);
        return super.put(path, content);
    }
}
