package io.entrasync.auth;

/**
 * No token could be obtained. The message says which endpoint refused and what to check; it never contains a secret
 * or a token. {@link #isTransient()} is true when the endpoint could not be reached (worth retrying).
 */
public class TokenAcquisitionException extends RuntimeException {

    private final boolean transientFailure;

    public TokenAcquisitionException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
