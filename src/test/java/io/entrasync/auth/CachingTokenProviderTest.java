package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.entrasync.support.MovableClock;

class CachingTokenProviderTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private final AtomicInteger fetches = new AtomicInteger();
    private final TokenSource source = () -> new AccessToken("token-" + fetches.incrementAndGet(),
            clock.instant().plus(Duration.ofHours(1)));
    private final CachingTokenProvider provider = new CachingTokenProvider(source, clock);

    @Test
    void reusesTheTokenUntilFiveMinutesBeforeItExpires() {
        assertThat(provider.accessToken()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(54));
        assertThat(provider.accessToken()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(provider.accessToken()).isEqualTo("token-2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aShortLivedTokenIsRenewedAtHalfItsLifetime() {
        CachingTokenProvider shortLived = new CachingTokenProvider(
                () -> new AccessToken("t" + fetches.incrementAndGet(), clock.instant().plus(Duration.ofMinutes(4))),
                clock);

        shortLived.accessToken();
        clock.advance(Duration.ofSeconds(119));
        assertThat(shortLived.accessToken()).isEqualTo("t1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(shortLived.accessToken()).isEqualTo("t2");
    }

    @Test
    void invalidateForcesAFreshToken() {
        provider.accessToken();
        provider.invalidate();
        assertThat(provider.accessToken()).isEqualTo("token-2");
    }

    @Test
    void tokensAndSecretsNeverShowInToString() {
        assertThat(new AccessToken("eyJ-secret-token", clock.instant()).toString()).doesNotContain("eyJ-secret-token");
        assertThat(AuthSettings.clientSecret("http://t", "client", "s3cr3t").toString()).doesNotContain("s3cr3t")
                .contains("<set>");
    }
}
