package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CachingTokenProviderTest {

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-28T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger fetches = new AtomicInteger();
    private final TokenSource source = () -> new AccessToken("token-" + fetches.incrementAndGet(),
            clock.now.plus(Duration.ofHours(1)));
    private final CachingTokenProvider provider = new CachingTokenProvider(source, clock);

    @Test
    void reusesTheTokenUntilFiveMinutesBeforeItExpires() {
        assertThat(provider.accessToken()).isEqualTo("token-1");
        clock.now = clock.now.plus(Duration.ofMinutes(54));
        assertThat(provider.accessToken()).isEqualTo("token-1");
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(provider.accessToken()).isEqualTo("token-2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aShortLivedTokenIsRenewedAtHalfItsLifetime() {
        CachingTokenProvider shortLived = new CachingTokenProvider(
                () -> new AccessToken("t" + fetches.incrementAndGet(), clock.now.plus(Duration.ofMinutes(4))), clock);

        shortLived.accessToken();
        clock.now = clock.now.plus(Duration.ofSeconds(119));
        assertThat(shortLived.accessToken()).isEqualTo("t1");
        clock.now = clock.now.plus(Duration.ofSeconds(1));
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
        assertThat(new AccessToken("eyJ-secret-token", clock.now).toString()).doesNotContain("eyJ-secret-token");
        assertThat(AuthSettings.clientSecret("http://t", "client", "s3cr3t").toString()).doesNotContain("s3cr3t")
                .contains("<set>");
    }
}
