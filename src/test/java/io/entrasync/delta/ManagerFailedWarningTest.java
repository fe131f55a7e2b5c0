package io.entrasync.delta;

import static io.entrasync.delta.DeltaFixture.csv;
import static io.entrasync.delta.DeltaFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.reconcile.WaitResult;
import io.entrasync.run.FileRunResult;
import io.entrasync.support.EmulatorExtension;

/**
 * A record created without its manager because the manager's own operation failed says so in results.csv (the run
 * report counts it as a warning), naming the manager's externalId, outcome and reason, instead of "no user has been
 * processed".
 */
class ManagerFailedWarningTest {

    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EmulatorSettings.fast().withPort(0)
            .withReportsCallsPerWindow(1000, Duration.ofSeconds(1))
            .withFailingExternalIds("^401$", "EmulatorInjectedFailure", false));

    @Test
    void aWarningWhoseManagerFailedNamesTheManagersFailure() throws Exception {
        DeltaFixture fixture = new DeltaFixture(RUNNING.emulator());
        FileRunResult run = fixture.drop("day1.csv", csv(worker("401", ""), worker("400", "401"),
                worker("402", "")));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));
        WaitResult done = fixture.reconciler().reconcileUntilFinal("hr", Optional.empty(), Duration.ofSeconds(90));
        assertThat(done.complete()).as(done.describe()).isTrue();

        assertThat(fixture.results(run).get("401").get(1)).isEqualTo("service-failed");
        assertThat(fixture.results(run).get("400").get(1)).isEqualTo("warning");
        assertThat(fixture.results(run).get("400").get(2))
                .contains("the manager's own operation failed: 401 is service-failed EmulatorInjectedFailure")
                .contains("Injected failure").contains("Fix the manager's record first")
                .doesNotContain("has been processed by this provisioning job");
        assertThat(fixture.report(run).path("reconciliation").path("outcomes").path("warning").asLong()).isEqualTo(1);
        assertThat(fixture.report(run).path("reconciliation").path("outcomes").path("service-failed").asLong())
                .isEqualTo(1);
    }

    @Test
    void aWarningWhoseManagerWasRejectedByValidationNamesTheRejection() throws Exception {
        DeltaFixture fixture = new DeltaFixture(RUNNING.emulator());
        String managerWithoutUserName = worker("601", "").replace(",u601,", ",,");
        FileRunResult run = fixture.drop("day1.csv", csv(managerWithoutUserName, worker("600", "601")));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));
        WaitResult done = fixture.reconciler().reconcileUntilFinal("hr", Optional.empty(), Duration.ofSeconds(90));
        assertThat(done.complete()).as(done.describe()).isTrue();

        assertThat(fixture.results(run).get("601").get(1)).isEqualTo("rejected");
        assertThat(fixture.results(run).get("600").get(1)).isEqualTo("warning");
        assertThat(fixture.results(run).get("600").get(2))
                .contains("the manager was not sent by this run: 601 was rejected by validation: userName")
                .contains("Fix the manager's record first")
                .doesNotContain("has been processed by this provisioning job");
        assertThat(RUNNING.emulator().user("601")).isEmpty();
    }
}
