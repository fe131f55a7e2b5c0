package io.entrasync.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));

    @Test
    void withoutJitterTheWaitIsTheCeilingThatDoublesUpToTheMaximum() {
        assertThat(backoff.delay(1, Backoff.NO_JITTER)).isEqualTo(Duration.ofMillis(10));
        assertThat(backoff.delay(2, Backoff.NO_JITTER)).isEqualTo(Duration.ofMillis(20));
        assertThat(backoff.delay(3, Backoff.NO_JITTER)).isEqualTo(Duration.ofMillis(40));
        assertThat(backoff.delay(4, Backoff.NO_JITTER)).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.delay(64, Backoff.NO_JITTER)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void jitterKeepsTheWaitBetweenHalfTheCeilingAndTheCeiling() {
        assertThat(backoff.delay(3, () -> 0.0)).isEqualTo(Duration.ofMillis(20));
        assertThat(backoff.delay(3, () -> 0.5)).isEqualTo(Duration.ofMillis(30));
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(2)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
        }
    }

    @Test
    void refusesAMaximumBelowTheFirstWait() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT5S");
    }
}
