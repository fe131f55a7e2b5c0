package io.entrasync.graph;

import java.util.Optional;

/**
 * A Graph call that did not succeed, with a message an admin can act on (what to check) and the service's own error
 * code, message and request-id when it sent them. Never carries a token.
 */
public class GraphCallException extends RuntimeException {

    /** What the failure means for the rest of a run. */
    public enum Kind {
        /** The service refused this request's content (400 and similar): other requests may still succeed. */
        REJECTED,
        /** Credentials, permission or address are wrong (401 twice, 403, 404): every further call would fail too. */
        CONFIGURATION,
        /** Throttled or unreachable beyond the retry limit, or asked to wait longer than allowed: try again later. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final int status;
    private final String serviceCode;
    private final String requestId;

    public GraphCallException(Kind kind, int status, String message, String serviceCode, String requestId,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.serviceCode = serviceCode;
        this.requestId = requestId;
    }

    public Kind kind() {
        return kind;
    }

    /** The last HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** Graph's {@code error.code}, e.g. {@code InvalidAuthenticationToken}. */
    public Optional<String> serviceCode() {
        return Optional.ofNullable(serviceCode);
    }

    /** Graph's {@code request-id}, to quote to Microsoft support. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
