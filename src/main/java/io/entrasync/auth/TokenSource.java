package io.entrasync.auth;

/** Fetches a new token every time it is asked; {@link CachingTokenProvider} decides when to ask. */
@FunctionalInterface
public interface TokenSource {
    AccessToken fetch();
}
