package io.entrasync.delta;

import static io.entrasync.delta.DeltaFixture.csv;
import static io.entrasync.delta.DeltaFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.reconcile.WaitResult;
import io.entrasync.report.ReportPages;
import io.entrasync.run.FileRunResult;
import io.entrasync.support.EmulatorExtension;

/**
 * A userPrincipalName the service refuses as taken (its AzureActiveDirectoryConflictEntry) was made by the mapping's
 * rule: results.csv and the run report name that rule and its line in the mapping file, and give it to the mapping
 * owner.
 */
class ConflictNamesMappingLineTest {

    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EmulatorSettings.fast().withPort(0)
            .withReportsCallsPerWindow(1000, Duration.ofSeconds(1)));

    @Test
    void aTakenUserNameNamesTheMappingEntryAndItsLine() throws Exception {
        DeltaFixture fixture = new DeltaFixture(RUNNING.emulator());
        String namesake = worker("501", "").replace(",u501,", ",u500,");
        FileRunResult run = fixture.drop("day1.csv", csv(worker("500", ""), namesake));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));
        WaitResult done = fixture.reconciler().reconcileUntilFinal("hr", Optional.empty(), Duration.ofSeconds(90));
        assertThat(done.complete()).as(done.describe()).isTrue();

        String where = "user.userName at microsoft-sample.yaml:" + lineOf("  userName: ");
        List<String> conflict = fixture.results(run).get("501");
        assertThat(conflict.get(1)).isEqualTo("service-failed");
        assertThat(conflict.get(2)).contains("AzureActiveDirectoryConflictEntry")
                .contains("The userPrincipalName was made by the mapping's " + where + ": for the mapping owner");
        assertThat(fixture.results(run).get("500").get(2)).doesNotContain("made by the mapping");

        String page = ReportPages.text(fixture.zone.processed(), DeltaFixture.folderOf(run));
        assertThat(page).contains("mapping owner").contains("Declare the mapping&#39;s user.userName rule ("
                + where.replace("user.userName ", "") + ") unique");
    }

    /** The 1-based line of the sample mapping that starts with {@code prefix}. */
    private static int lineOf(String prefix) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("samples/mappings/microsoft-sample.yaml"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }
}
