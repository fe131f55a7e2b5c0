package io.entrasync.delta;

import static io.entrasync.delta.DeltaFixture.csv;
import static io.entrasync.delta.DeltaFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.run.FileRunResult;
import io.entrasync.source.ExtractInput;
import io.entrasync.support.EmulatorExtension;
import io.entrasync.validate.DirectoryCheck;
import io.entrasync.validate.DirectoryCheckSettings;
import io.entrasync.validate.GraphDirectoryCheck;

/**
 * The optional directory check of unique values through a real run (Azurite state, the emulator's Graph users list
 * over HTTP): a cloud-only account that holds a person's first candidate makes them take the next one; with the
 * check off nothing is looked up; without User.Read.All the run stops, naming the permission and the setting.
 */
class UniqueDirectoryCheckRunTest {

    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EmulatorSettings.fast().withPort(0));

    @TempDir
    Path dir;

    private DeltaFixture fixture;

    @BeforeEach
    void cloudOnlyAccountHoldsTheName() throws Exception {
        RUNNING.emulator().reset();
        RUNNING.emulator().addCloudOnlyUser("first.last@contoso.com", "first.last@contoso.com");
        Path mapping = dir.resolve("unique.yaml");
        Files.writeString(mapping, Files.readString(Path.of("samples/mappings/microsoft-sample.yaml"))
                + "\nunique:\n  userName:\n    counter: before @\n");
        fixture = new DeltaFixture(RUNNING.emulator());
        fixture.mappingFile = mapping.toString();
    }

    @Test
    void aValueHeldByACloudOnlyAccountGoesToNobodyAndThePersonGetsTheNextCandidate() throws Exception {
        fixture.directoryCheck = new DirectoryCheckSettings(true, 1000);

        FileRunResult run = fixture.drop("day1.csv", csv(named("601", "first.last@contoso.com"),
                named("602", "other.person@contoso.com")));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));

        assertThat(run.outcome()).isEqualTo(FileRunResult.Outcome.PROCESSED);
        assertThat(RUNNING.emulator().user("601").orElseThrow().userName()).isEqualTo("first.last2@contoso.com");
        assertThat(RUNNING.emulator().user("602").orElseThrow().userName()).isEqualTo("other.person@contoso.com");
        // 601: the held value, then its next candidate; 602: its first candidate
        assertThat(RUNNING.emulator().usersQueries()).isEqualTo(3);
        assertThat(run.report().orElseThrow().unique()).singleElement().asString()
                .contains("directory check: 1 taken in the directory by another account",
                        "userName 'first.last@contoso.com' is taken in the directory by another account; this person "
                                + "gets 'first.last2@contoso.com'");

        // plan --source, before anything is sent, looks up only the newcomer and shows whose value it is
        DeltaPreview plan = DeltaPreview.of(fixture.deltas.preview("hr", fixture.delta, false),
                ExtractInput.ofBytes("day2.csv", csv(named("604", "first.last@contoso.com"))
                        .getBytes(StandardCharsets.UTF_8)), fixture.source().mapping(), 10, Clock.systemUTC(),
                checkOf(fixture));
        // first.last: held; first.last2: 601's, known without a lookup; first.last3: free
        assertThat(RUNNING.emulator().usersQueries()).isEqualTo(5);
        assertThat(plan.unique()).singleElement().satisfies(unique -> assertThat(unique.notes()).singleElement()
                .asString().contains("'first.last@contoso.com' is taken in the directory by another account",
                        "gets 'first.last3@contoso.com'"));

        // the next run gives nobody a new value: nothing is looked up again
        fixture.drop("day2.csv", csv(named("602", "other.person@contoso.com"),
                named("601", "first.last@contoso.com")));
        assertThat(RUNNING.emulator().usersQueries()).isEqualTo(5);
    }

    @Test
    void anAccountOfThePersonOwnIsNotAnotherAccount() throws Exception {
        fixture.drop("day1.csv", csv(named("603", "sam.own@contoso.com")));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));
        fixture.directoryCheck = new DirectoryCheckSettings(true, 1000);
        // the source's state is lost: 603 is new to it, but the account holding the value is 603's own
        DeltaFixture fresh = new DeltaFixture(RUNNING.emulator());
        fresh.mappingFile = fixture.mappingFile;
        fresh.directoryCheck = fixture.directoryCheck;

        fresh.drop("day1.csv", csv(named("603", "sam.own@contoso.com")));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));

        assertThat(RUNNING.emulator().usersQueries()).isEqualTo(1);
        assertThat(RUNNING.emulator().user("603").orElseThrow().userName()).isEqualTo("sam.own@contoso.com");
    }

    @Test
    void pastMaxLookupsTheRestIsSentUncheckedAndTheReportSaysHowMany() throws Exception {
        fixture.directoryCheck = new DirectoryCheckSettings(true, 1);

        FileRunResult run = fixture.drop("day1.csv", csv(named("601", "first.last@contoso.com"),
                named("602", "other.person@contoso.com")));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));

        assertThat(RUNNING.emulator().usersQueries()).isEqualTo(1);
        assertThat(RUNNING.emulator().user("601").orElseThrow().userName()).isEqualTo("first.last2@contoso.com");
        assertThat(run.report().orElseThrow().unique()).singleElement().asString()
                .contains("1 taken in the directory by another account", "2 given unchecked");
    }

    @Test
    void offByDefaultNothingIsLookedUp() throws Exception {
        FileRunResult run = fixture.drop("day1.csv", csv(named("601", "first.last@contoso.com")));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));

        assertThat(run.outcome()).isEqualTo(FileRunResult.Outcome.PROCESSED);
        assertThat(RUNNING.emulator().usersQueries()).isZero();
        // sent with the value the cloud-only account holds: the service refuses it, as Entra ID does
        assertThat(RUNNING.emulator().user("601")).isEmpty();
        assertThat(RUNNING.emulator().logEntries()).singleElement().asString()
                .contains("userPrincipalName ('first.last@contoso.com') already exists");
    }

    @Test
    void withoutUserReadAllTheRunStopsNamingThePermissionAndTheSetting() throws Exception {
        fixture.directoryCheck = new DirectoryCheckSettings(true, 1000);
        RUNNING.emulator().revokePermission("User.Read.All");

        FileRunResult run = fixture.drop("day1.csv", csv(named("601", "first.last@contoso.com")));

        assertThat(run.outcome()).isEqualTo(FileRunResult.Outcome.FAILED);
        assertThat(run.message()).contains("User.Read.All", "sync.sources.hr.unique.directory-check=false", "403")
                .doesNotContain("Exception");
        assertThat(RUNNING.emulator().users()).isEmpty();
    }

    private static DirectoryCheck checkOf(DeltaFixture fixture) {
        return GraphDirectoryCheck.forRun(fixture.directoryCheck, fixture.engines.graphClient(fixture.upload),
                fixture.upload.target().graphUrl(), fixture.mapper, "hr");
    }

    private static String named(String id, String userName) {
        return worker(id, "").replace(",u" + id + ",", "," + userName + ",");
    }
}
