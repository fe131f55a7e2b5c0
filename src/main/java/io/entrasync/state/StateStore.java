package io.entrasync.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Small, durable key-value state over Azure Blob Storage. Paths are blob names inside one container,
 * conventionally {@code <source>/<kind>/...}. Writes are guarded by ETags so two instances never
 * overwrite each other's state unknowingly.
 */
public interface StateStore {

    /** The blob and its ETag, or empty when it does not exist. */
    Optional<StoredBlob> read(String path);

    /** Creates the blob; fails with {@link ConcurrentUpdateException} when it already exists. Returns the ETag. */
    String create(String path, byte[] content);

    /** Replaces the blob only if its ETag is still {@code etag}; else {@link ConcurrentUpdateException}. */
    String replace(String path, byte[] content, String etag);

    /** Writes the blob whatever its current state. Returns the new ETag. */
    String put(String path, byte[] content);

    /** Deletes the blob if it exists. */
    void delete(String path);

    /** Names of the blobs whose name starts with {@code prefix}, in lexicographic order. */
    List<String> list(String prefix);

    /**
     * Takes an exclusive lease on {@code path} (created empty when missing), renewed in the background until
     * the returned lease is closed; a renewal that fails twice in a row marks it {@linkplain Lease#lostReason() lost}.
     * Fails at once with {@link LeaseUnavailableException} when someone else holds it;
     * a crashed holder's lease expires after {@code duration} (15 to 60 s).
     */
    Lease acquireLease(String path, Duration duration);

    /** An exclusive lease; closing it releases it. */
    interface Lease extends AutoCloseable {
        String leaseId();

        /**
         * Why the lease can no longer be counted on (its renewal failed: it may have expired and been taken by
         * another instance), or empty while it is held. Work done under the lease must stop before its next step.
         */
        default Optional<String> lostReason() {
            return Optional.empty();
        }

        @Override
        void close();
    }
}
