package io.entrasync.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.retry.Sleeper;
import io.entrasync.state.BlobStateStore;
import io.entrasync.state.StateStore;
import io.entrasync.support.MovableClock;
import io.entrasync.support.TestAzurite;

/**
 * Two instances of the tenant's window on one Azurite container, as two processes would see it: a slot is held from
 * its claim until its answer has come, then until one window plus the send margin its answer shows after its send (or
 * until one window after its answer, when the rule says so, when the send was never marked, or after a 429 at the
 * highest margin), whichever instance waits for it.
 */
class TenantCallWindowTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PacingSettings PACING = new PacingSettings(2, Duration.ofMillis(400));
    /** Nothing expires during a test on the fake clock (whose minutes pass in no time). */
    private static final PacingSettings LONG_WINDOW = new PacingSettings(40, Duration.ofMinutes(1));

    private StateStore state;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @BeforeEach
    void store() {
        var service = new BlobServiceClientBuilder().connectionString(TestAzurite.connectionString()).buildClient();
        state = new BlobStateStore(service.getBlobContainerClient("window-" + UUID.randomUUID()));
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private TenantCallWindow window() {
        return window(PACING);
    }

    private TenantCallWindow window(PacingSettings pacing) {
        return new TenantCallWindow(state, TenantCallWindow.pathFor("tenant-window-test"), pacing,
                new TenantCallWindow.Sharing(Duration.ZERO, 2, Duration.ofSeconds(30)), MAPPER, Clock.systemUTC(),
                Sleeper.REAL);
    }

    @Test
    void aSentSlotIsHeldUntilItsAnswerShowsHowLateTheServiceCanHaveCountedIt() throws Exception {
        assertHeldUntilTheAnswer(window(), false);
    }

    /**
     * On a fake clock, one call after the other: until 10 answers are known a slot is held one window past its answer;
     * then one window past its send plus the configured margin plus how much slower its answer was than the fastest,
     * the slots answered before as well.
     */
    @Test
    void anAnsweredSlotIsHeldTheMarginItsOwnAnswerShows() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-08T02:00:00Z"));
        TenantCallWindow window = fakeClockWindow(clock);
        long[] sent = new long[25];
        Map<Integer, Long> beforeWarm = Map.of();
        for (int i = 0; i < sent.length; i++) {
            CallPacer.Slot slot = window.awaitSlot(sent.length - i);
            sent[i] = clock.millis();
            slot.bodySent();
            // call 24 reached the service up to 400 ms late: its answer came that much later too
            clock.advance(Duration.ofMillis(i == 24 ? 700 : 300));
            slot.ended();
            if (i == SendMargin.MIN_SAMPLE - 2) {
                beforeWarm = untilByCall();
            }
        }
        window.releaseUnused();

        long windowMillis = LONG_WINDOW.window().toMillis();
        assertThat(beforeWarm.get(0)).as("its answer").isEqualTo(sent[0] + 300 + windowMillis);
        Map<Integer, Long> untilByCall = untilByCall();
        assertThat(untilByCall).hasSize(25);
        // once 10 answers were known: the configured margin, for the calls answered before too
        assertThat(untilByCall.get(0)).isEqualTo(sent[0] + 100 + windowMillis);
        assertThat(untilByCall.get(8)).isEqualTo(sent[8] + 100 + windowMillis);
        assertThat(untilByCall.get(9)).isEqualTo(sent[9] + 100 + windowMillis);
        assertThat(untilByCall.get(23)).isEqualTo(sent[23] + 100 + windowMillis);
        assertThat(untilByCall.get(24)).isEqualTo(sent[24] + 100 + 400 + windowMillis);
    }

    /**
     * A process joining the tenant takes the fastest round trip another one shared through the window and starts
     * warm; one shared a half-life (a minute) ago or more does not warm it.
     */
    @Test
    void aProcessJoiningStartsWarmFromTheFastestRoundTripSharedThroughTheWindow() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-08T02:00:00Z"));
        TenantCallWindow first = fakeClockWindow(clock);
        for (int i = 0; i < SendMargin.MIN_SAMPLE; i++) {
            call(first, clock, 300);
        }
        first.releaseUnused();

        long joinedAt = call(fakeClockWindow(clock), clock, 450);
        assertThat(allEnds()).contains(joinedAt + 150 + 100 + LONG_WINDOW.window().toMillis());

        clock.advance(Duration.ofMinutes(2)); // the shared fastest round trip is too old now
        long lateAt = call(fakeClockWindow(clock), clock, 450);
        assertThat(allEnds()).as("held until one window after its answer")
                .contains(lateAt + 450 + LONG_WINDOW.window().toMillis());
    }

    /** One call of {@code window} answered {@code roundTrip} ms after its send, reported; returns its send. */
    private static long call(TenantCallWindow window, MovableClock clock, long roundTrip) throws Exception {
        CallPacer.Slot slot = window.awaitSlot(1);
        long sent = clock.millis();
        slot.bodySent();
        clock.advance(Duration.ofMillis(roundTrip));
        slot.ended();
        window.releaseUnused();
        return sent;
    }

    private TenantCallWindow fakeClockWindow(MovableClock clock) {
        return new TenantCallWindow(state, TenantCallWindow.pathFor("tenant-window-test"), LONG_WINDOW,
                new TenantCallWindow.Sharing(Duration.ZERO, 10, Duration.ofSeconds(30)), MAPPER, clock,
                clock::advance);
    }

    /** The ends the shared window holds, of every instance. */
    private List<Long> allEnds() throws Exception {
        List<Long> ends = new ArrayList<>();
        for (JsonNode slot : MAPPER.readTree(state.read(TenantCallWindow.pathFor("tenant-window-test")).orElseThrow()
                .content()).path("slots")) {
            ends.add(slot.path("until").asLong());
        }
        return ends;
    }

    /** The ends the shared window holds, by call number of the instance that claimed them. */
    private Map<Integer, Long> untilByCall() throws Exception {
        Map<Integer, Long> untilByCall = new HashMap<>();
        for (JsonNode slot : MAPPER.readTree(state.read(TenantCallWindow.pathFor("tenant-window-test")).orElseThrow()
                .content()).path("slots")) {
            String id = slot.path("id").asText();
            untilByCall.put(Integer.parseInt(id.substring(id.indexOf('-') + 1)), slot.path("until").asLong());
        }
        return untilByCall;
    }

    @Test
    void a429RaisesTheMarginOfEveryProcessSharingTheWindow() throws Exception {
        PacingSettings pacing = new PacingSettings(2, Duration.ofSeconds(5));
        TenantCallWindow first = window(pacing);
        TenantCallWindow second = window(pacing);
        first.throttled();
        first.awaitSlot(1).ended();
        first.releaseUnused();
        assertThat(first.leastSendMargin()).isEqualTo(Duration.ofMillis(200));
        assertThat(second.leastSendMargin()).isEqualTo(Duration.ofMillis(100));

        second.awaitSlot(1).ended(); // reads the shared window

        assertThat(second.leastSendMargin()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void holdingUntilTheAnswerASlotIsFreeOnlyOneWindowAfterItsAnswerEvenInAnotherProcess() throws Exception {
        assertHeldUntilTheAnswer(window(PACING.withHold(PacingSettings.Hold.ANSWER)), false);
    }

    @Test
    void afterA429AtTheHighestMarginTheWindowHoldsEverySlotUntilItsAnswer() throws Exception {
        // a 400 ms window: its highest margin is the configured 100 ms, a 429 cannot raise it
        assertHeldUntilTheAnswer(window(), true);
    }

    private void assertHeldUntilTheAnswer(TenantCallWindow first, boolean throttle) throws Exception {
        TenantCallWindow second = window();
        if (throttle) {
            first.throttled();
        }
        CallPacer.Slot a = first.awaitSlot(2);
        CallPacer.Slot b = first.awaitSlot(2);
        a.bodySent();
        b.bodySent();
        first.releaseUnused();

        Future<Long> waiting = pool.submit(() -> {
            second.awaitSlot(1);
            return System.currentTimeMillis();
        });

        // both calls are still waiting for their answers, long past one window after their send: no slot is free
        await().during(PACING.window().multipliedBy(2)).atMost(PACING.window().multipliedBy(4))
                .until(() -> !waiting.isDone());
        long answered = System.currentTimeMillis();
        a.ended();
        first.releaseUnused(); // reports the answer at once (otherwise within a second)

        long granted = waiting.get(10, TimeUnit.SECONDS);
        assertThat(granted - answered).isGreaterThanOrEqualTo(PACING.window().toMillis());
        b.ended();
        first.releaseUnused();
        String blob = new String(state.read(TenantCallWindow.pathFor("tenant-window-test")).orElseThrow().content(),
                StandardCharsets.UTF_8);
        assertThat(blob).contains("\"slots\"").contains("\"until\"");
    }

    @Test
    void slotsNotUsedWhenTheUploadEndsAreGivenBack() throws Exception {
        TenantCallWindow first = window(new PacingSettings(2, Duration.ofMinutes(1)));
        first.awaitSlot(2).ended(); // claims two, uses one
        first.releaseUnused();

        String blob = new String(state.read(TenantCallWindow.pathFor("tenant-window-test")).orElseThrow().content(),
                StandardCharsets.UTF_8);
        // the used slot stays until a window after its answer; the unused claim is gone
        assertThat(blob.split("\"id\"", -1)).hasSize(2);
        assertThat(blob).doesNotContain("\"until\":0");
    }
}
