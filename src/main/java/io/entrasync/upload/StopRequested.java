package io.entrasync.upload;

/**
 * Thrown into a call's retry loop when no retry may leave: the run's lease is lost, or the upload is already stopping
 * for another reason. It carries that reason, so the call ends with the upload's own stop, not a lease loss.
 */
final class StopRequested extends RuntimeException {

    private final UploadResult.Stop kind;

    StopRequested(UploadResult.Stop kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    UploadResult.Stop kind() {
        return kind;
    }
}
