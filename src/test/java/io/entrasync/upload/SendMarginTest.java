package io.entrasync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The learning rule of the send margin on a fake clock in milliseconds: floor (the configured send margin) 100,
 * ceiling 1,000, half-life 60,000, window 5,000.
 */
class SendMarginTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SendMargin margin = new SendMargin(100, 1_000, 60_000, 5_000, now::get);

    private void answers(int count, long roundTrip) {
        for (int i = 0; i < count; i++) {
            margin.marginFor(roundTrip);
        }
    }

    @Test
    void untilEnoughAnswersAreKnownACallIsHeldPastItsWholeRoundTrip() {
        // the fastest round trip is not known yet: nothing tells how early the service may have counted
        assertThat(margin.marginFor(400)).isEqualTo(500);
        assertThat(margin.marginFor(350)).isEqualTo(450);
        answers(SendMargin.MIN_SAMPLE - 3, 350);

        assertThat(margin.marginFor(350)).as("the %dth answer", SendMargin.MIN_SAMPLE).isEqualTo(100);
    }

    @Test
    void aLateAnswerGivesItsCallTheLatenessOverTheFastestRoundTripOnTopOfTheConfiguredMargin() {
        answers(SendMargin.MIN_SAMPLE, 300);
        answers(10, 450);

        assertThat(margin.marginFor(300)).isEqualTo(100);
        assertThat(margin.marginFor(450)).isEqualTo(250);
        // counted up to 700 ms after its send: more than the configured margin and than the ceiling, all of it
        assertThat(margin.marginFor(1_000)).isEqualTo(800);
        assertThat(margin.marginFor(2_300)).isEqualTo(2_100);
        // one late call raises no other call's margin
        assertThat(margin.marginFor(300)).isEqualTo(100);
        assertThat(margin.least()).isEqualTo(100);
    }

    @Test
    void theFastestRoundTripIsTakenFromTheRecentAnswersOnly() {
        answers(SendMargin.MIN_SAMPLE, 100);
        answers(SendMargin.SAMPLE - SendMargin.MIN_SAMPLE - 1, 300);
        assertThat(margin.marginFor(300)).as("the fast answers are still in the sample").isEqualTo(300);

        answers(SendMargin.MIN_SAMPLE, 300); // the path got slower for good: the fast answers slid out

        assertThat(margin.marginFor(300)).isEqualTo(100);
    }

    @Test
    void a429DoublesTheLeastMarginUpToTheCeilingOncePerWindowThenAsksForTheAnswerRule() {
        answers(SendMargin.MIN_SAMPLE, 300);

        assertThat(margin.raise()).isTrue();
        assertThat(margin.least()).isEqualTo(200);
        assertThat(margin.marginFor(300)).isEqualTo(200);
        assertThat(margin.marginFor(700)).isEqualTo(500); // lateness + floor is more than the raised margin

        // more 429s within the window answer calls sent before the raise: they raise nothing more
        assertThat(margin.raise()).isTrue();
        assertThat(margin.least()).isEqualTo(200);

        for (int raises = 0; raises < 3; raises++) {
            now.addAndGet(5_000);
            long before = margin.least(); // a little below the last raise: it decays
            assertThat(margin.raise()).isTrue();
            assertThat(margin.least()).isEqualTo(Math.min(1_000, 2 * before));
        }
        assertThat(margin.least()).isEqualTo(1_000);
        now.addAndGet(5_000);
        assertThat(margin.raise()).as("at the ceiling already: hold every slot until its answer").isFalse();
    }

    @Test
    void aRaisedMarginFallsBackToTheConfiguredOneWhileNo429Comes() {
        margin.raise(); // 200: 100 over the floor
        assertThat(margin.least()).isEqualTo(200);

        now.addAndGet(60_000);
        assertThat(margin.least()).isEqualTo(150);
        now.addAndGet(60_000);
        assertThat(margin.least()).isEqualTo(125);
        now.addAndGet(Duration.ofMinutes(20).toMillis());
        assertThat(margin.least()).isEqualTo(100);
    }

    @Test
    void aMarginRaisedByAnotherProcessIsTakenWhenItIsHigherNow() {
        margin.adopt(800, now.get() - 60_000); // raised to 800 a minute ago: 450 now
        assertThat(margin.least()).isEqualTo(450);

        margin.adopt(300, now.get()); // lower: kept as it is
        assertThat(margin.least()).isEqualTo(450);
        assertThat(margin.raised()).isEqualTo(800);

        margin.adopt(5_000, now.get()); // never past the ceiling
        assertThat(margin.least()).isEqualTo(1_000);
    }

    @Test
    void aFastestRoundTripSharedByAnotherProcessStartsThePacerWarmUntilItIsAHalfLifeOld() {
        margin.adoptFastest(300, now.get() - 1_000);

        assertThat(margin.warm()).isTrue();
        assertThat(margin.marginFor(450)).as("the first answer, measured against the shared one").isEqualTo(250);
        assertThat(margin.fastestToShare()).isEqualTo(new SendMargin.Fastest(300, now.get() - 1_000));

        now.addAndGet(59_000); // a half-life after it was seen: forgotten, one answer of its own proves nothing
        assertThat(margin.warm()).isFalse();
        assertThat(margin.marginFor(450)).isEqualTo(550);
        assertThat(margin.fastestToShare()).isNull();
    }

    @Test
    void aSharedFastestRoundTripOnlyEverLowersTheOneThePacerUses() {
        answers(SendMargin.MIN_SAMPLE, 300);
        margin.adoptFastest(500, now.get()); // a slower path elsewhere: its calls' lateness is not this pacer's
        assertThat(margin.marginFor(450)).isEqualTo(250);

        margin.adoptFastest(200, now.get()); // a faster path elsewhere: this pacer's calls may be counted later
        assertThat(margin.marginFor(450)).isEqualTo(350);
        assertThat(margin.fastestToShare().roundTrip()).isEqualTo(200);

        margin.adoptFastest(100, now.get() - 60_000); // too old to trust
        assertThat(margin.fastestToShare().roundTrip()).isEqualTo(200);
    }

    @Test
    void aCallAnsweredBeforeTheFastestRoundTripWasKnownGetsTheLearnedMarginOnceItIs() {
        assertThat(margin.marginFor(450)).as("cold: its whole round trip").isEqualTo(550);
        answers(SendMargin.MIN_SAMPLE - 1, 300);

        assertThat(margin.marginOf(450)).isEqualTo(250);
        assertThat(margin.marginOf(250)).as("never below the configured margin").isEqualTo(100);
        margin.raise();
        assertThat(margin.marginOf(300)).as("nor below what a 429 raised").isEqualTo(200);
    }

    @Test
    void aCallNotAnsweredYetIsHeldByTheCeilingWhichIsAFifthOfTheWindowAndNeverBelowTheConfiguredMargin() {
        assertThat(SendMargin.inMillis(PacingSettings.DEFAULT, now::get).ceiling()).isEqualTo(1_000);
        assertThat(SendMargin.inMillis(new PacingSettings(40, Duration.ofMillis(400)), now::get).ceiling())
                .isEqualTo(PacingSettings.DEFAULT_SEND_MARGIN.toMillis());
    }
}
