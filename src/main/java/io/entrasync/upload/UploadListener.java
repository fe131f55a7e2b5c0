package io.entrasync.upload;

import java.util.List;
import java.util.Optional;

/**
 * Hooks called as calls complete, one at a time (never concurrently), from the thread that finished the call. An
 * exception thrown from a hook stops the upload and propagates to the caller (a checkpoint that cannot be written
 * must not be skipped).
 */
public interface UploadListener {

    /** After each call the service accepted: checkpoint and ledger go here. */
    default void onAccepted(AcceptedCall call) {
    }

    /** After a call the service refused for its content (400): its records and the reason. */
    default void onRejected(int batchIndex, List<RecordFailure> failures) {
    }

    /**
     * Asked before every call (first attempts and retries): why the run's source lease is lost (it could not be
     * renewed), which stops the upload as {@link UploadResult.Stop#LEASE_LOST}; empty to go on.
     */
    default Optional<String> leaseLostReason() {
        return Optional.empty();
    }

    UploadListener NONE = new UploadListener() {
    };

    /** Both listeners' hooks, {@code first}'s before {@code second}'s; a lost lease of either stops the upload. */
    static UploadListener both(UploadListener first, UploadListener second) {
        return new UploadListener() {
            @Override
            public void onAccepted(AcceptedCall call) {
                first.onAccepted(call);
                second.onAccepted(call);
            }

            @Override
            public void onRejected(int batchIndex, List<RecordFailure> failures) {
                first.onRejected(batchIndex, failures);
                second.onRejected(batchIndex, failures);
            }

            @Override
            public Optional<String> leaseLostReason() {
                return first.leaseLostReason().or(second::leaseLostReason);
            }
        };
    }
}
