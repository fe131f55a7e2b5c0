package io.entrasync.upload;

import java.util.List;

/**
 * Hooks called on the uploading thread as calls complete. An exception thrown from a hook stops the upload and
 * propagates to the caller (a checkpoint that cannot be written must not be skipped).
 */
public interface UploadListener {

    /** After each call the service accepted, before the next call: checkpoint and ledger go here. */
    default void onAccepted(AcceptedCall call) {
    }

    /** After a call the service refused for its content (400): its records and the reason. */
    default void onRejected(int batchIndex, List<RecordFailure> failures) {
    }

    UploadListener NONE = new UploadListener() {
    };
}
