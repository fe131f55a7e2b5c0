package io.entrasync.delta;

import static io.entrasync.delta.DeltaFixture.csv;
import static io.entrasync.delta.DeltaFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.reconcile.WaitResult;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.FileRunResult.Outcome;
import io.entrasync.support.EmulatorExtension;
import io.entrasync.trail.PersonTrail;
import io.entrasync.trail.Trace;
import io.entrasync.trail.TraceHtml;
import io.entrasync.trail.TraceText;

/**
 * Each person's trail (issue 27) through four daily extracts of a complete-extract source, Azurite and the emulator:
 * a person rejected then fixed, one failed at the service then re-sent, one changed, disabled as a leaver and
 * re-hired, and people carried unchanged.
 */
class TrailAcrossRunsTest {

    private static final EmulatorSettings EMULATOR = EmulatorSettings.fast().withPort(0)
            .withReportsCallsPerWindow(1000, Duration.ofSeconds(1));
    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EMULATOR);
    private ProvisioningEmulator emulator;
    private DeltaFixture fixture;
    private PersonTrail trail;

    @BeforeEach
    void fresh() {
        emulator = RUNNING.emulator();
        fixture = new DeltaFixture(emulator).withDelta(delta -> delta.withFullExtract(true)
                .withGuard(new DeltaSettings.Guard(0.5, OptionalLong.empty(), OptionalLong.empty(), 0.2)));
        trail = new PersonTrail(fixture.state, fixture.mapper);
    }

    @Test
    void fourRunsGiveEachPersonTheirWholeStoryNewestFirst() throws Exception {
        emulator.updateSettings(settings -> settings.withFailingExternalIds("502", "EmulatorInjectedFailure", false));
        String rejected = worker("501", "").replace(",u501,", ",,");
        process("day1.csv", csv(worker("500", ""), rejected, worker("502", ""), worker("503", "")));
        emulator.updateSettings(settings -> EMULATOR);
        process("day2.csv", csv(worker("500", "", "Marketing"), worker("501", ""), worker("502", ""),
                worker("503", "")));
        process("day3.csv", csv(worker("501", ""), worker("502", ""), worker("503", "")));
        process("day4.csv", csv(worker("500", "", "Marketing"), worker("501", ""), worker("502", ""),
                worker("503", "")));

        Trace ali = trail.trace("hr", "500");
        assertThat(events(ali)).containsSubsequence("changed", "leaver", "changed", "new");
        Trace.Entry department = ali.entries().stream().filter(entry -> entry.changes() != null
                && entry.changes().stream().anyMatch(change -> change.attribute().equals("department")))
                .filter(entry -> entry.event().equals("changed")).reduce((newer, older) -> older).orElseThrow();
        assertThat(department.file()).isEqualTo("day2.csv");
        assertThat(department.changes()).contains(new Trace.Change("department", "Sales", "Marketing"));
        Trace.Entry leaver = ali.entries().stream().filter(entry -> entry.event().equals("leaver")
                && entry.changes() != null).findFirst().orElseThrow();
        assertThat(leaver.file()).isEqualTo("day3.csv");
        assertThat(leaver.changes()).contains(new Trace.Change("active", "true", "false"));
        Trace.Entry rehired = ali.entries().get(ali.entries().indexOf(ali.entries().stream()
                .filter(entry -> entry.event().equals("changed")).findFirst().orElseThrow()));
        assertThat(rehired.file()).isEqualTo("day4.csv");
        assertThat(rehired.detail()).contains("back after being disabled as a leaver");
        assertThat(rehired.changes()).contains(new Trace.Change("active", "false", "true"));
        assertThat(ali.now().values()).containsEntry("active", "true").containsEntry("department", "Marketing");
        assertThat(ali.now().lastVerdict()).startsWith("enabled");

        Trace omar = trail.trace("hr", "501");
        Trace.Entry rejection = last(omar);
        assertThat(rejection.event()).isEqualTo("rejected");
        assertThat(rejection.file()).isEqualTo("day1.csv");
        assertThat(rejection.position()).isEqualTo(3);
        assertThat(rejection.detail()).contains("userName");
        assertThat(events(omar)).containsSubsequence("carried unchanged", "service verdict", "new", "rejected");
        assertThat(omar.entries().get(0).detail()).contains("2 complete extracts", "day3.csv", "day4.csv");

        Trace jane = trail.trace("hr", "502");
        assertThat(events(jane)).containsSubsequence("service verdict", "re-sent", "service verdict", "new");
        assertThat(jane.entries()).anySatisfy(entry -> {
            assertThat(entry.outcome()).isEqualTo("service-failed");
            assertThat(entry.detail()).contains("EmulatorInjectedFailure");
        });
        assertThat(jane.now().lastVerdict()).doesNotStartWith("service-failed");
        assertThat(jane.now().open()).isNull();

        StringWriter text = new StringWriter();
        TraceText.print(ali, new PrintWriter(text, true));
        assertThat(text.toString()).contains("department: \"Sales\" -> \"Marketing\"", "day3.csv", "leaver");
        Path page = Files.createTempFile("trace-", ".html");
        TraceHtml.write(ali, page);
        assertThat(Files.readString(page)).contains("<bdi>Sales</bdi> → <bdi>Marketing</bdi>", "day3.csv")
                .doesNotContain("<script", "http://", "https://");
        JsonNode json = fixture.mapper.readTree(fixture.mapper.writeValueAsString(ali));
        assertThat(json.path("now").path("values").path("department").asText()).isEqualTo("Marketing");
        assertThat(json.path("entries").get(0).path("event").asText()).isEqualTo("service verdict");
        Files.delete(page);
    }

    @Test
    void peopleAreFoundByUserNameOrNameAndAStrangerGetsASentenceToActOn() throws Exception {
        process("day1.csv", csv(worker("600", ""), worker("601", "")));

        assertThat(trail.byUserName("hr", "U601")).extracting(PersonTrail.Match::externalId).containsExactly("601");
        assertThat(trail.byName("hr", "first60")).extracting(PersonTrail.Match::externalId)
                .containsExactlyInAnyOrder("600", "601");
        Trace stranger = trail.trace("hr", "999");
        assertThat(stranger.found()).isFalse();
        assertThat(stranger.note()).contains("externalId 999", "sync.trail.retention", "mapping", "--user-name");
    }

    private void process(String name, String extract) throws Exception {
        FileRunResult result = fixture.drop(name, extract);
        assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.PROCESSED);
        emulator.awaitIdle(Duration.ofSeconds(10));
        WaitResult reconciled = fixture.reconciler().reconcileUntilFinal("hr", Optional.empty(),
                Duration.ofSeconds(30));
        assertThat(reconciled.complete()).as(reconciled.describe()).isTrue();
    }

    private static List<String> events(Trace trace) {
        return trace.entries().stream().map(Trace.Entry::event).toList();
    }

    private static Trace.Entry last(Trace trace) {
        return trace.entries().get(trace.entries().size() - 1);
    }
}
