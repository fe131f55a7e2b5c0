package io.entrasync.auth;

/** Bearer tokens for Microsoft Graph (scope {@code https://graph.microsoft.com/.default}). */
public interface AccessTokenProvider {

    /** A token valid for a while yet; cached, fetched again shortly before it expires. */
    String accessToken();

    /** Forgets the cached token, so the next {@link #accessToken()} fetches a new one (after a 401). */
    void invalidate();

    /**
     * Forgets the cached token only if it is still {@code refused}: of several calls refused with one token at the
     * same time, only the first fetches a new one. True when the token was dropped.
     */
    default boolean invalidate(String refused) {
        invalidate();
        return true;
    }
}
