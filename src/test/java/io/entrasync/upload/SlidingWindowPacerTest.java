package io.entrasync.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The pacer's promise, checked on the times it recorded itself: whenever it lets a call through, fewer than
 * {@code calls} other calls are in flight or finished less than a window ago. Waiting longer never breaks it, so a
 * loaded machine cannot make these tests flaky.
 */
class SlidingWindowPacerTest {

    private record Call(long grantedAt, long finishedAt) {
    }

    @SuppressWarnings("ReferenceEquality") // each call against the others, not against an equal record
    private static void assertWithinLimit(List<Call> calls, PacingSettings settings) {
        long window = settings.window().toNanos();
        for (Call call : calls) {
            long counted = calls.stream()
                    .filter(other -> other != call && other.grantedAt() <= call.grantedAt()
                            && other.finishedAt() + window > call.grantedAt())
                    .count();
            assertThat(counted).as("calls counted when one started").isLessThan(settings.calls());
        }
    }

    @Test
    void waitsInsteadOfRejectingAndNeverExceedsTheWindow() throws Exception {
        PacingSettings settings = new PacingSettings(3, Duration.ofMillis(150));
        SlidingWindowPacer pacer = new SlidingWindowPacer(settings);
        List<Call> calls = new ArrayList<>();

        for (int i = 0; i < 10; i++) {
            SlidingWindowPacer.Permit permit = pacer.acquire();
            permit.close();
            calls.add(new Call(permit.grantedAtNanos(), permit.finishedAtNanos()));
        }

        assertThat(calls).hasSize(10);
        assertWithinLimit(calls, settings);
        // call 4 could only start a full window after call 1 finished
        assertThat(calls.get(3).grantedAt() - calls.get(0).finishedAt()).isGreaterThanOrEqualTo(
                settings.window().toNanos());
    }

    @Test
    void threadsSharingOnePacerShareOneBudget() throws Exception {
        PacingSettings settings = new PacingSettings(4, Duration.ofMillis(100));
        SlidingWindowPacer pacer = new SlidingWindowPacer(settings);
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        SlidingWindowPacer.Permit permit = pacer.acquire();
                        permit.close();
                        calls.add(new Call(permit.grantedAtNanos(), permit.finishedAtNanos()));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(calls).hasSize(20);
        assertWithinLimit(new ArrayList<>(calls), settings);
    }

    @Test
    void aCallNeverMarkedSentKeepsItsSlotUntilItsResponseArrives() throws Exception {
        assertHeldUntilItsAnswer(new SlidingWindowPacer(new PacingSettings(1, Duration.ofMillis(10))), false, false);
    }

    @Test
    void aSentCallKeepsItsSlotUntilItsAnswerShowsHowLateTheServiceCanHaveCountedIt() throws Exception {
        // a window and the 100 ms margin past the send are long over while the answer is outstanding
        assertHeldUntilItsAnswer(new SlidingWindowPacer(new PacingSettings(1, Duration.ofMillis(10))), true, false);
    }

    @Test
    void anAnswerBeforeTheMarginEndsTheCountAtTheAnswer() throws Exception {
        PacingSettings settings = new PacingSettings(1, Duration.ofMillis(100), PacingSettings.Hold.SEND,
                Duration.ofSeconds(30));
        SlidingWindowPacer pacer = new SlidingWindowPacer(settings);
        SlidingWindowPacer.Permit quick = pacer.acquire();
        quick.bodySent();
        quick.close();

        SlidingWindowPacer.Permit next = pacer.acquire(); // would wait 30 s if the margin counted

        assertThat(next.grantedAtNanos() - quick.finishedAtNanos())
                .isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos())
                .isLessThan(Duration.ofSeconds(10).toNanos());
    }

    @Test
    void holdingUntilTheAnswerASentCallKeepsItsSlot() throws Exception {
        assertHeldUntilItsAnswer(new SlidingWindowPacer(new PacingSettings(1, Duration.ofMillis(10),
                PacingSettings.Hold.ANSWER, Duration.ZERO)), true, false);
    }

    @Test
    void afterA429ASentCallKeepsItsSlotUntilItsAnswer() throws Exception {
        assertHeldUntilItsAnswer(new SlidingWindowPacer(new PacingSettings(1, Duration.ofMillis(10))), true, true);
    }

    private static void assertHeldUntilItsAnswer(SlidingWindowPacer pacer, boolean markSent, boolean throttle)
            throws Exception {
        SlidingWindowPacer.Permit inFlight = pacer.acquire();
        if (markSent) {
            inFlight.bodySent();
        }
        if (throttle) {
            pacer.throttled();
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<SlidingWindowPacer.Permit> next = pool.submit(pacer::acquire);

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !next.isDone());
            inFlight.close();

            SlidingWindowPacer.Permit second = next.get(5, TimeUnit.SECONDS);
            assertThat(second.grantedAtNanos() - inFlight.finishedAtNanos())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(10).toNanos());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneProcessSharesOnePacerPerTenant() {
        SlidingWindowPacer a = SharedPacers.forKey("tenant-shared-test", PacingSettings.DEFAULT);
        SlidingWindowPacer b = SharedPacers.forKey("tenant-shared-test", PacingSettings.DEFAULT);
        SlidingWindowPacer other = SharedPacers.forKey("tenant-other-test", PacingSettings.DEFAULT);

        assertThat(b).isSameAs(a);
        assertThat(other).isNotSameAs(a);
    }
}
