package io.entrasync.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;

/** A state store that passes everything to another: tests override the calls they want to watch or break. */
public abstract class ForwardingStateStore implements StateStore {

    protected final StateStore delegate;

    protected ForwardingStateStore(StateStore delegate) {
        this.delegate = delegate;
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

    @Override
    public Lease acquireLease(String path, Duration duration) {
        return delegate.acquireLease(path, duration);
    }
}
