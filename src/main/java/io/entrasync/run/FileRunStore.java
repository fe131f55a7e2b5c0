package io.entrasync.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;

/**
 * Keeps {@link FileRunState}s under {@code <source>/files/<sha256>/<file>.json} in the state store. Every save is
 * guarded by the ETag of the previous read or save, so a second instance that somehow got past the lease cannot
 * overwrite progress unnoticed.
 */
public final class FileRunStore {

    private final StateStore state;
    private final ObjectMapper mapper;

    public FileRunStore(StateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = mapper;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** A run state together with the ETag its next save must match (null: not stored yet). */
    public record Tracked(FileRunState run, String etag) {
    }

    public static String pathOf(String source, String fileName, String contentSha256) {
        return source + "/files/" + contentSha256 + "/" + fileName + ".json";
    }

    public Optional<Tracked> load(InboundFile file, String contentSha256) {
        Optional<StoredBlob> blob = state.read(pathOf(file.source(), file.fileName(), contentSha256));
        return blob.map(stored -> {
            try {
                return new Tracked(mapper.readValue(stored.content(), FileRunState.class), stored.etag());
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable run state for " + file.blobName() + ": " + e.getMessage(),
                        e);
            }
        });
    }

    public Tracked save(Tracked tracked, FileRunState updated, String fileName) {
        String path = pathOf(updated.source(), fileName, updated.contentSha256());
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(updated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String etag = tracked == null || tracked.etag() == null
                ? state.create(path, json)
                : state.replace(path, json, tracked.etag());
        return new Tracked(updated, etag);
    }
}
