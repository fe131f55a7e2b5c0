package io.entrasync.job;

/**
 * A synchronization-job call that failed, with a message an admin can act on (for a 403: exactly which permission
 * to grant). Never carries a token.
 */
public final class JobApiException extends RuntimeException {

    private final int status;

    JobApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status, 0 when Graph could not be reached. */
    public int status() {
        return status;
    }
}
