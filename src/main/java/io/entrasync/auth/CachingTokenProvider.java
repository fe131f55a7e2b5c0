package io.entrasync.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Caches the token of a {@link TokenSource} until shortly before it expires: five minutes before, or half its lifetime
 * for tokens shorter than ten minutes. Thread-safe; concurrent callers share one fetch.
 */
public final class CachingTokenProvider implements AccessTokenProvider {

    private static final Duration MAX_MARGIN = Duration.ofMinutes(5);

    private final TokenSource source;
    private final Clock clock;
    private AccessToken cached;
    private Instant refreshAt;

    public CachingTokenProvider(TokenSource source) {
        this(source, Clock.systemUTC());
    }

    public CachingTokenProvider(TokenSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    @Override
    public synchronized String accessToken() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(refreshAt)) {
            cached = source.fetch();
            Duration lifetime = Duration.between(now, cached.expiresAt());
            Duration margin = lifetime.dividedBy(2).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(2) : MAX_MARGIN;
            refreshAt = cached.expiresAt().minus(margin);
        }
        return cached.value();
    }

    @Override
    public synchronized void invalidate() {
        cached = null;
    }

    @Override
    public synchronized boolean invalidate(String refused) {
        if (cached != null && cached.value().equals(refused)) {
            cached = null;
            return true;
        }
        return false;
    }
}
