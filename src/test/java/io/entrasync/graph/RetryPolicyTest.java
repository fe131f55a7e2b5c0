package io.entrasync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void doublesTheCeilingPerRetryUpToTheMaximum() {
        assertThat(policy.backoff(1, () -> 1.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2, () -> 1.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(3, () -> 1.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(4, () -> 1.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoff(5, () -> 1.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoff(40, () -> 1.0)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterKeepsTheWaitBetweenHalfTheCeilingAndTheCeiling() {
        assertThat(policy.backoff(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(3));
        for (int i = 0; i < 200; i++) {
            assertThat(policy.backoff(4)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        }
    }

    @Test
    void refusesInconsistentSettings() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the first try included");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
