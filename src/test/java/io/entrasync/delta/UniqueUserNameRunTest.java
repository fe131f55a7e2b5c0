package io.entrasync.delta;

import static io.entrasync.delta.DeltaFixture.csv;
import static io.entrasync.delta.DeltaFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.run.FileRunResult;
import io.entrasync.source.ExtractInput;
import io.entrasync.support.EmulatorExtension;

/**
 * A unique userName through a real run (Azurite state, the emulator over HTTP): the value sent is the one given, it is
 * kept beside the snapshot, and the next extract, in another order and without a leaver, renames nobody.
 */
class UniqueUserNameRunTest {

    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EmulatorSettings.fast().withPort(0));

    @TempDir
    Path dir;

    @Test
    void namesakesAreSentWithTheirOwnValueAndKeepItWhenTheExtractChanges() throws Exception {
        Path mapping = dir.resolve("unique.yaml");
        Files.writeString(mapping, Files.readString(Path.of("samples/mappings/microsoft-sample.yaml"))
                + "\nunique:\n  userName:\n    counter: before @\n");
        DeltaFixture fixture = new DeltaFixture(RUNNING.emulator());
        fixture.mappingFile = mapping.toString();
        String a = namesake("501");
        String b = namesake("502");
        String c = namesake("503");

        FileRunResult first = fixture.drop("day1.csv", csv(c, b, a));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));
        assertThat(RUNNING.emulator().user("501").orElseThrow().toString()).contains("anna@contoso.com");
        assertThat(RUNNING.emulator().user("502").orElseThrow().toString()).contains("anna2@contoso.com");
        assertThat(RUNNING.emulator().user("503").orElseThrow().toString()).contains("anna3@contoso.com");
        assertThat(fixture.state.read(UniqueClaimStore.path("hr"))).isPresent();
        assertThat(first.outcome()).isEqualTo(FileRunResult.Outcome.PROCESSED);

        // plan, before anything is sent: who keeps, who gets what (and nothing is saved)
        DeltaPreview plan = DeltaPreview.of(fixture.deltas.preview("hr", fixture.delta, false),
                ExtractInput.ofBytes("day2.csv", csv(b, c, namesake("500")).getBytes(StandardCharsets.UTF_8)),
                fixture.source().mapping(), 10, java.time.Clock.systemUTC());
        assertThat(plan.unique()).singleElement().satisfies(unique -> {
            assertThat(unique.kept()).isEqualTo(2);
            assertThat(unique.notes()).singleElement().asString()
                    .contains("'anna@contoso.com' was given before by this source", "gets 'anna4@contoso.com'");
        });
        StringWriter printed = new StringWriter();
        plan.print(new PrintWriter(printed));
        assertThat(printed.toString()).contains("unique userName: 2 kept, 1 given now");

        // 501 leaves, a new namesake 500 sorts first: it must take neither 501's nor anyone else's value
        FileRunResult second = fixture.drop("day2.csv", csv(b, c, namesake("500")));
        RUNNING.emulator().awaitIdle(Duration.ofSeconds(10));
        assertThat(fixture.results(second).get("502").get(1)).isEqualTo("unchanged");
        assertThat(fixture.results(second).get("503").get(1)).isEqualTo("unchanged");
        assertThat(RUNNING.emulator().user("500").orElseThrow().toString()).contains("anna4@contoso.com");
    }

    private static String namesake(String id) {
        return worker(id, "").replace(",u" + id + ",", ",anna@contoso.com,");
    }
}
