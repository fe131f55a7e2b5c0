package io.entrasync.emulator;

/** An HTTP error answer in the Graph error shape; thrown by endpoint code and rendered by the router. */
final class EmulatorException extends RuntimeException {
    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    EmulatorException(int status, String code, String message) {
        this(status, code, message, -1);
    }

    EmulatorException(int status, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static EmulatorException badRequest(String message) {
        return new EmulatorException(400, "BadRequest", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Seconds for the Retry-After header, or -1 for none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
