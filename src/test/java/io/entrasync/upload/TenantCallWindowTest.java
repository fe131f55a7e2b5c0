package io.entrasync.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.retry.Sleeper;
import io.entrasync.state.BlobStateStore;
import io.entrasync.state.StateStore;
import io.entrasync.support.TestAzurite;

/**
 * Two instances of the tenant's window on one Azurite container, as two processes would see it: a slot is held from
 * its claim until one window plus the send margin after its send (or until one window after its answer, when the
 * rule says so, when the send was never marked, or after a 429), whichever instance waits for it.
 */
class TenantCallWindowTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PacingSettings PACING = new PacingSettings(2, Duration.ofMillis(400));

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
    void aSentSlotFreesOneWindowAndTheMarginAfterItsSendWhileItsAnswerIsStillOutstanding() throws Exception {
        TenantCallWindow first = window();
        TenantCallWindow second = window();
        CallPacer.Slot a = first.awaitSlot(2);
        CallPacer.Slot b = first.awaitSlot(2);
        long sent = System.currentTimeMillis();
        a.bodySent();
        b.bodySent();
        first.releaseUnused(); // reports the sends at once (otherwise with the next write)

        second.awaitSlot(1);
        long granted = System.currentTimeMillis();

        // from the send, not held for the 30 s an unanswered attempt may last
        assertThat(granted - sent).isGreaterThanOrEqualTo(PACING.window().plus(PACING.sendMargin()).toMillis())
                .isLessThan(Duration.ofSeconds(10).toMillis());
        a.ended();
        b.ended();
    }

    @Test
    void holdingUntilTheAnswerASlotIsFreeOnlyOneWindowAfterItsAnswerEvenInAnotherProcess() throws Exception {
        assertHeldUntilTheAnswer(window(PACING.withHold(PacingSettings.Hold.ANSWER)), false);
    }

    @Test
    void afterA429TheWindowHoldsEverySlotUntilItsAnswer() throws Exception {
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
