package io.entrasync.reconcile;

import static io.entrasync.reconcile.ReconcileFixture.csv;
import static io.entrasync.reconcile.ReconcileFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.report.RecordOutcome;
import io.entrasync.support.EmulatorExtension;

/** A paused job (as {@code job pause} leaves it) is named in the report with what to do, and shows in the metric. */
class StoppedJobTest {

    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EmulatorSettings.fast().withPort(0)
            .withReportsCallsPerWindow(1000, Duration.ofSeconds(1)));

    @Test
    void aPausedJobIsTheNamedCauseAndSetsTheStoppedMetric() throws Exception {
        ReconcileFixture fixture = new ReconcileFixture(RUNNING.emulator());
        RUNNING.emulator().setPaused(RUNNING.emulator().defaultJob(), true);
        String folder = fixture.dropAndProcess("workers.csv", csv(worker("700", "u700", "")));

        WaitResult result = fixture.reconciler(ReconcileFixture.settings().withUnconfirmedAfter(Duration.ofSeconds(1)))
                .reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(), Duration.ofSeconds(30));

        assertThat(result.count(RecordOutcome.UNCONFIRMED)).isEqualTo(1);
        assertThat(fixture.report(folder).path("reconciliation").path("cause").asText()).contains("PAUSED",
                "Start provisioning again");
        assertThat(fixture.metrics.registry().get("entrasync.job.stopped").tag("source", ReconcileFixture.SOURCE)
                .gauge().value()).isEqualTo(1.0);

        RUNNING.emulator().setPaused(RUNNING.emulator().defaultJob(), false);
        fixture.reconciler(ReconcileFixture.settings()).reconcile(ReconcileFixture.SOURCE);
        assertThat(fixture.metrics.registry().get("entrasync.job.stopped").tag("source", ReconcileFixture.SOURCE)
                .gauge().value()).as("the next pass looks again and the alert clears").isZero();
    }
}
