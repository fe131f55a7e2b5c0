package io.entrasync.state;

/** Another writer changed (or created) the blob since it was read: re-read and try again. */
public class ConcurrentUpdateException extends RuntimeException {
    public ConcurrentUpdateException(String path, Throwable cause) {
        super("State blob '" + path + "' was changed by another writer since it was read", cause);
    }
}
