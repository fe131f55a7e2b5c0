package io.entrasync.upload;

import static io.entrasync.upload.HoldRule.UNKNOWN;
import static io.entrasync.upload.HoldRule.countedUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The one rule both pacers keep, on a clock in milliseconds: send margin 100, window 5,000. */
class HoldRuleTest {

    @Test
    void aSentCallCountsOneWindowAndItsMarginAfterItsSendUnlessItsAnswerCameFirst() {
        assertThat(countedUntil(false, 1_000, 2_000, 100, 5_000)).isEqualTo(6_100);
        assertThat(countedUntil(false, 1_000, 2_000, 700, 5_000)).isEqualTo(6_700);
        assertThat(countedUntil(false, 1_000, 1_040, 100, 5_000)).isEqualTo(6_040);
    }

    @Test
    void holdingUntilTheAnswerOrNeverSentTheAnswerDecidesAndUntilThenNothingIsKnown() {
        assertThat(countedUntil(true, 1_000, UNKNOWN, 100, 5_000)).isEqualTo(UNKNOWN);
        // only the answer shows how late the service can have counted it
        assertThat(countedUntil(false, 1_000, UNKNOWN, 100, 5_000)).isEqualTo(UNKNOWN);
        assertThat(countedUntil(true, 1_000, 2_000, 100, 5_000)).isEqualTo(7_000);
        assertThat(countedUntil(false, UNKNOWN, UNKNOWN, 100, 5_000)).isEqualTo(UNKNOWN);
        assertThat(countedUntil(false, UNKNOWN, 2_000, 100, 5_000)).isEqualTo(7_000);
    }

    @Test
    void negativeNanoTimesCompareWithoutOverflow() {
        assertThat(countedUntil(false, -50, -20, 100, 5_000)).isEqualTo(4_980);
    }

    @Test
    void theRaiseSaysTheNewMarginAndWhatItFallsBackTo() {
        assertThat(HoldRule.raisedMessage(new PacingSettings(40, Duration.ofSeconds(5)), " (pacing/t.json)", "200 ms"))
                .contains("40 per 5000 ms (pacing/t.json)").contains("at least 200 ms")
                .contains("upload.pacing.send-margin");
    }

    @Test
    void theWarningNamesTheLimitAndTheSetting() {
        assertThat(HoldRule.throttledWarning(new PacingSettings(40, Duration.ofSeconds(5)), " (pacing/t.json)"))
                .contains("40 per 5000 ms (pacing/t.json)").contains("upload.pacing.hold=answer");
    }
}
