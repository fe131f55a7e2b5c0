package io.entrasync.delta;

import static io.entrasync.delta.DeltaFixture.csv;
import static io.entrasync.delta.DeltaFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.reconcile.WaitResult;
import io.entrasync.run.FileRunResult;
import io.entrasync.support.EmulatorExtension;

/** results.csv and the run report say when a user was created or updated disabled ({@code active: false} sent). */
class CreatedDisabledTest {

    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EmulatorSettings.fast().withPort(0)
            .withReportsCallsPerWindow(1000, Duration.ofSeconds(1)));

    @Test
    void aUserCreatedWithActiveFalseIsCreatedDisabledInTheResultsAndTheReport() throws Exception {
        DeltaFixture fixture = new DeltaFixture(RUNNING.emulator());
        String inactive = worker("301", "").replaceFirst(",Active,", ",Inactive,");
        FileRunResult run = fixture.drop("day1.csv", csv(worker("300", ""), inactive));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));
        WaitResult done = fixture.reconciler().reconcileUntilFinal("hr", Optional.empty(), Duration.ofSeconds(30));
        assertThat(done.complete()).as(done.describe()).isTrue();

        assertThat(fixture.results(run).get("301").get(1)).isEqualTo("created (disabled)");
        assertThat(fixture.results(run).get("301").get(2)).contains("disabled");
        assertThat(fixture.results(run).get("300").get(1)).isEqualTo("created");
        JsonNode report = fixture.report(run);
        assertThat(report.toString()).contains("\"created (disabled)\":1");
    }

    @Test
    void aDisabledUserUpdatedWithActiveFalseIsUpdatedDisabledWhileAnActiveOneIsUpdated() throws Exception {
        DeltaFixture fixture = new DeltaFixture(RUNNING.emulator());
        String inactive = worker("311", "").replaceFirst(",Active,", ",Inactive,");
        fixture.drop("day1.csv", csv(worker("310", ""), inactive));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));
        assertThat(fixture.reconciler().reconcileUntilFinal("hr", Optional.empty(), Duration.ofSeconds(30))
                .complete()).isTrue();

        FileRunResult run = fixture.drop("day2.csv", csv(worker("310", "", "Finance"),
                worker("311", "", "Finance").replaceFirst(",Active,", ",Inactive,")));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));
        WaitResult done = fixture.reconciler().reconcileUntilFinal("hr", Optional.empty(), Duration.ofSeconds(30));
        assertThat(done.complete()).as(done.describe()).isTrue();

        assertThat(fixture.results(run).get("311").get(1)).isEqualTo("updated (disabled)");
        assertThat(fixture.results(run).get("311").get(2)).contains("still disabled");
        assertThat(fixture.results(run).get("310").get(1)).isEqualTo("updated");
        JsonNode report = fixture.report(run);
        assertThat(report.toString()).contains("\"updated (disabled)\":1").contains("\"updated\":1");
        assertThat(RUNNING.emulator().user("311").orElseThrow().accountEnabled()).isFalse();
    }
}
