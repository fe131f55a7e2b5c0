package io.entrasync.sync;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.entrasync.state.StateStore;

/**
 * Keeps each API source's {@link SyncState} as {@code <source>/watermark.json}. Every save is guarded by the ETag of
 * the previous read or save, so two syncs of one source that somehow ran at once cannot overwrite each other's
 * watermark unnoticed ({@link io.entrasync.state.ConcurrentUpdateException}).
 */
public final class SyncStateStore {

    private final StateStore state;
    private final ObjectMapper mapper;

    public SyncStateStore(StateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** A state with the ETag its next save must match (null: not stored yet). */
    public record Tracked(String source, SyncState state, String etag) {
    }

    public static String pathOf(String source) {
        return source + "/watermark.json";
    }

    public Tracked load(String source) {
        return state.read(pathOf(source)).map(blob -> {
            try {
                return new Tracked(source, mapper.readValue(blob.content(), SyncState.class), blob.etag());
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable sync state " + pathOf(source) + " of source '" + source
                        + "': " + e.getMessage()
                        + ". Fix or delete it (deleting it makes the next sync read everything).",
                        e);
            }
        }).orElse(new Tracked(source, SyncState.EMPTY, null));
    }

    public Tracked save(Tracked tracked, SyncState updated) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(updated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String path = pathOf(tracked.source());
        String etag = tracked.etag() == null ? state.create(path, json) : state.replace(path, json, tracked.etag());
        return new Tracked(tracked.source(), updated, etag);
    }
}
