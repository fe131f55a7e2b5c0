package io.entrasync.auth;

import java.time.Instant;

/**
 * A bearer token and when it expires. {@link #toString()} never shows the token, so it cannot reach a log by accident.
 */
public record AccessToken(String value, Instant expiresAt) {

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + ", value=<redacted>]";
    }
}
