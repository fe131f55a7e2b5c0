package io.entrasync.state;

/** Another run holds the lease on a source: it is processing that source right now. */
public class LeaseUnavailableException extends RuntimeException {
    public LeaseUnavailableException(String path, Throwable cause) {
        super("Another run holds the lease on '" + path + "'; this source is being processed elsewhere", cause);
    }
}
