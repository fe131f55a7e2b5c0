package io.entrasync.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.azure.core.util.BinaryData;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.ledger.Ledger;
import io.entrasync.mapping.MappingLoader;
import io.entrasync.run.ExtractRun;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.FileRunResult.Outcome;
import io.entrasync.run.FileRunStore;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.run.SchemaPreflight;
import io.entrasync.run.SourceCatalog;
import io.entrasync.run.SourceDefinition;
import io.entrasync.source.ExtractInput;
import io.entrasync.source.ExtractOptions;
import io.entrasync.source.JsonLinesRecordSource;
import io.entrasync.state.StoredBlob;
import io.entrasync.support.EmulatorExtension;
import io.entrasync.support.MovableClock;
import io.entrasync.trail.PersonTrail;
import io.entrasync.trail.Trace;
import io.entrasync.trail.TrailLog;

/**
 * Changes that come due: a record whose mapped result depends on today's date is sent again on the day it changes,
 * by the resume timer ({@code processDue(true)}), with no new extract, in the source's time zone, once. Azurite,
 * the emulator, and a clock the test moves.
 */
class DueChangesTest {

    private static final EmulatorSettings EMULATOR = EmulatorSettings.fast().withPort(0)
            .withReportsCallsPerWindow(1000, Duration.ofSeconds(1));
    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EMULATOR);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String MAPPING = """
            user:
              externalId: Id
              userName: Upn
              active: >-
                =(date(row.Start, "dd.MM.yyyy") == "" || date(row.Start, "dd.MM.yyyy") <= today)
                && (date(row.Exit, "dd.MM.yyyy") == "" || date(row.Exit, "dd.MM.yyyy") > today)
              displayName: Name
            """;

    /** The same people, with pre-hires not sent before 7 days ahead of their start date. */
    private static final String HELD_MAPPING = MAPPING + """
            options:
              preHire:
                startDate: '=date(row.Start, "dd.MM.yyyy")'
                sendDaysAhead: 7
            """;

    private ProvisioningEmulator emulator;
    private DeltaFixture fixture;
    private MovableClock clock;
    private InboundFileProcessor processor;

    @BeforeEach
    void fresh() {
        emulator = RUNNING.emulator();
        fixture = new DeltaFixture(emulator);
        // 20 March 2027, winter time in Berlin; the exit on 31 March is in summer time (from 28 March)
        clock = new MovableClock(Instant.parse("2027-03-20T09:00:00Z"));
        processor = processor(MAPPING);
    }

    @Test
    void anExitDatePassesAndTheRecordIsSentAgainOnceDisabledOnThatDayInTheSourcesZoneWithNoNewExtract()
            throws Exception {
        FileRunResult first = drop("day1.csv", """
                Id,Upn,Name,Start,Exit
                1,leaver@contoso.com,Leaver,,31.03.2027
                2,stayer@contoso.com,Stayer,,
                """);
        assertThat(first.outcome()).isEqualTo(Outcome.PROCESSED);
        assertThat(emulator.user("1").orElseThrow().accountEnabled()).isTrue();
        assertThat(fixture.deltas.due().list(DeltaFixture.SOURCE)).extracting(DueRecords.Due::externalId,
                DueRecords.Due::at).containsExactly(org.assertj.core.groups.Tuple.tuple("1",
                        Instant.parse("2027-03-30T22:00:00Z")));
        long calls = emulator.stats().calls().accepted();
        assertThat(fixture.deltas.due().describeComing(DeltaFixture.SOURCE, clock.instant(), 14, BERLIN, 10))
                .as("what status lists").containsExactly("1 on 2027-03-31");

        clock.setTo(Instant.parse("2027-03-30T21:59:59Z")); // 23:59:59 on the 30th in Berlin: not yet
        assertThat(resumeTimer()).isEmpty();

        clock.setTo(Instant.parse("2027-03-30T22:00:00Z")); // midnight in Berlin, still the 30th in UTC
        List<FileRunResult> due = resumeTimer();
        assertThat(due).singleElement().extracting(FileRunResult::outcome).isEqualTo(Outcome.PROCESSED);
        assertThat(emulator.stats().calls().accepted()).isEqualTo(calls + 1);
        assertThat(emulator.user("1").orElseThrow().accountEnabled()).isFalse();
        assertThat(emulator.user("2").orElseThrow().accountEnabled()).isTrue();
        Map<String, List<String>> lines = fixture.results(due.get(0));
        assertThat(lines).containsOnlyKeys("1");
        assertThat(resumeTimer()).as("taken once").isEmpty();
        Trace.Entry cameDue = new PersonTrail(fixture.state, fixture.mapper).trace(DeltaFixture.SOURCE, "1")
                .entries().stream().filter(entry -> entry.event().equals("came due")).findFirst().orElseThrow();
        assertThat(cameDue.detail()).startsWith("came due (due on or before 2027-03-30T22:00:00Z)");
        assertThat(cameDue.file()).startsWith("due-");
        assertThat(cameDue.changes()).containsExactly(new Trace.Change("active", "true", "false"));

        // the day after the exit day is a candidate too: mapped again, identical, not sent
        clock.setTo(Instant.parse("2027-03-31T22:00:00Z"));
        List<FileRunResult> dayAfter = resumeTimer();
        assertThat(dayAfter).singleElement().extracting(FileRunResult::outcome).isEqualTo(Outcome.PROCESSED);
        assertThat(fixture.results(dayAfter.get(0)).get("1").get(1)).isEqualTo("unchanged");
        assertThat(emulator.stats().calls().accepted()).isEqualTo(calls + 1);
        assertThat(fixture.deltas.due().list(DeltaFixture.SOURCE)).isEmpty();
    }

    @Test
    void aPreHireIsCreatedDisabledAndEnabledOnItsStartDay() throws Exception {
        drop("day1.csv", """
                Id,Upn,Name,Start,Exit
                7,prehire@contoso.com,Pre Hire,01.04.2027,
                """);
        assertThat(emulator.user("7").orElseThrow().accountEnabled()).isFalse();

        clock.setTo(Instant.parse("2027-03-31T21:59:00Z"));
        assertThat(resumeTimer()).isEmpty();
        clock.setTo(Instant.parse("2027-03-31T22:00:00Z"));
        assertThat(resumeTimer()).hasSize(1);
        assertThat(emulator.user("7").orElseThrow().accountEnabled()).isTrue();
    }

    @Test
    void aPreHireIsNotSentBeforeItsDaysAheadAndComesDueOnTheFirstDayItMayBeSent() throws Exception {
        processor = processor(HELD_MAPPING);
        FileRunResult first = drop("day1.csv", """
                Id,Upn,Name,Start,Exit
                7,prehire@contoso.com,Pre Hire,01.04.2027,
                8,soon@contoso.com,Soon,25.03.2027,
                9,staff@contoso.com,Staff,,
                """);
        assertThat(first.outcome()).isEqualTo(Outcome.PROCESSED);
        Map<String, List<String>> lines = fixture.results(first);
        assertThat(lines.get("7").get(1)).isEqualTo("held (pre-hire)");
        assertThat(lines.get("7").get(2)).startsWith("held until 2027-03-25 (pre-hire)")
                .contains("start date 2027-04-01", "options.preHire.sendDaysAhead");
        assertThat(lines.get("8").get(1)).as("5 days ahead: sent, disabled until its start").isEqualTo("accepted");
        assertThat(emulator.user("7")).as("nothing sent for the pre-hire").isEmpty();
        assertThat(emulator.user("8").orElseThrow().accountEnabled()).isFalse();
        assertThat(fixture.report(first).path("records").path("byOutcome").path("held (pre-hire)").asLong())
                .isEqualTo(1);
        assertThat(fixture.deltas.due().list(DeltaFixture.SOURCE)).extracting(DueRecords.Due::externalId,
                DueRecords.Due::at).contains(org.assertj.core.groups.Tuple.tuple("7",
                        Instant.parse("2027-03-24T23:00:00Z")));

        // a second extract on the next day: still held, and no leaver either
        clock.setTo(Instant.parse("2027-03-21T09:00:00Z"));
        FileRunResult second = drop("day2.csv", """
                Id,Upn,Name,Start,Exit
                7,prehire@contoso.com,Pre Hire,01.04.2027,
                8,soon@contoso.com,Soon,25.03.2027,
                9,staff@contoso.com,Staff,,
                """);
        assertThat(fixture.results(second).get("7").get(1)).isEqualTo("held (pre-hire)");
        assertThat(emulator.user("7")).isEmpty();

        clock.setTo(Instant.parse("2027-03-24T22:59:59Z")); // 23:59:59 on the 24th in Berlin: not yet
        assertThat(resumeTimer()).isEmpty();
        clock.setTo(Instant.parse("2027-03-24T23:00:00Z")); // midnight: the 25th, 7 days before the start
        List<FileRunResult> due = resumeTimer();
        assertThat(due).singleElement().extracting(FileRunResult::outcome).isEqualTo(Outcome.PROCESSED);
        assertThat(fixture.results(due.get(0)).get("7").get(1)).isEqualTo("accepted");
        assertThat(emulator.user("7").orElseThrow().accountEnabled()).as("created ahead, disabled").isFalse();
    }

    @Test
    void planReadsTheGivenClockForTodayAndWhatComesDue() {
        String extract = """
                Id,Upn,Name,Start,Exit
                7,prehire@contoso.com,Pre Hire,01.04.2027,
                1,leaver@contoso.com,Leaver,,31.03.2027
                """;
        DeltaPreview early = plan(extract);
        assertThat(early.held()).as("20 March: the start on 1 April is more than 7 days ahead").isEqualTo(1);
        assertThat(early.examples().get("held")).containsExactly("7");
        assertThat(early.comingDue()).containsExactly("7 on 2027-03-25", "1 on 2027-03-31");

        clock.setTo(Instant.parse("2027-03-26T09:00:00Z"));
        DeltaPreview later = plan(extract);
        assertThat(later.held()).isZero();
        assertThat(later.examples().get("creates")).containsExactlyInAnyOrder("7", "1");
        assertThat(later.comingDue()).as("the pre-hire's start and the exit, both within 14 days of the 26th")
                .containsExactly("1 on 2027-03-31", "7 on 2027-04-01");
    }

    private DeltaPreview plan(String csv) {
        return DeltaPreview.of(new DeltaRuns(fixture.state, fixture.mapper, clock).preview(DeltaFixture.SOURCE,
                        fixture.delta, false),
                ExtractInput.ofBytes("plan.csv", csv.getBytes(StandardCharsets.UTF_8)),
                MappingLoader.parse(HELD_MAPPING, "due.yaml").inTimeZone(BERLIN), 10, clock);
    }

    @Test
    void anApiSourceWhoseRecordNeverChangesStillGetsItsDueChange() throws Exception {
        // what the HR API sync writes to inbound (io.entrasync.sync.ApiSpooler); no later read returns the record
        ByteArrayOutputStream spool = new ByteArrayOutputStream();
        try (JsonLinesRecordSource.Writer out = new JsonLinesRecordSource.Writer(spool)) {
            out.record(1, "page 1, item 1", Map.of("Id", "9", "Upn", "api@contoso.com", "Name", "Api Person",
                    "Start", "", "Exit", "31.03.2027"));
        }
        fixture.zone.inbound().getBlobClient(DeltaFixture.SOURCE + "/api-full-20270320T090000Z.jsonl")
                .upload(BinaryData.fromBytes(spool.toByteArray()), true);
        assertThat(processor.process(DeltaFixture.SOURCE + "/api-full-20270320T090000Z.jsonl").outcome())
                .isEqualTo(Outcome.PROCESSED);
        assertThat(emulator.user("9").orElseThrow().accountEnabled()).isTrue();

        clock.setTo(Instant.parse("2027-03-30T22:00:00Z"));
        assertThat(resumeTimer()).hasSize(1);
        assertThat(emulator.user("9").orElseThrow().accountEnabled()).isFalse();
    }

    @Test
    void nothingIsSentTwiceWhenTheTimerIsKilledBeforeItRemovedTheEntriesItSent() throws Exception {
        drop("day1.csv", """
                Id,Upn,Name,Start,Exit
                1,leaver@contoso.com,Leaver,,31.03.2027
                """);
        String path = DeltaFixture.SOURCE + "/due/records.json";
        byte[] before = fixture.state.read(path).map(StoredBlob::content).orElseThrow();
        clock.setTo(Instant.parse("2027-03-30T22:00:00Z"));
        assertThat(resumeTimer()).hasSize(1);
        long calls = emulator.stats().calls().accepted();

        fixture.state.put(path, before); // as if killed after the run, before the entry was removed
        List<FileRunResult> again = resumeTimer();
        // the same entries make the same blob, which the processor knows it processed
        assertThat(again).singleElement().extracting(FileRunResult::outcome).isEqualTo(Outcome.DUPLICATE);
        assertThat(emulator.stats().calls().accepted()).isEqualTo(calls);
        assertThat(fixture.deltas.due().list(DeltaFixture.SOURCE)).extracting(DueRecords.Due::at)
                .as("taken for good this time").doesNotContain(Instant.parse("2027-03-30T22:00:00Z"));
        assertThat(emulator.user("1").orElseThrow().accountEnabled()).isFalse();
    }

    /** What the resume timer (functions/ResumeWaitingFunction) runs on its schedule. */
    private List<FileRunResult> resumeTimer() {
        return processor.processDue(true).processed();
    }

    private FileRunResult drop(String name, String csv) {
        fixture.zone.inbound().getBlobClient(DeltaFixture.SOURCE + "/" + name).upload(BinaryData.fromString(csv),
                true);
        return processor.process(DeltaFixture.SOURCE + "/" + name);
    }

    private InboundFileProcessor processor(String mapping) {
        SourceDefinition hr = new SourceDefinition(DeltaFixture.SOURCE,
                MappingLoader.parse(mapping, "due.yaml").inTimeZone(BERLIN), ExtractOptions.defaults(),
                fixture.upload, fixture.delta);
        SourceCatalog catalog = new SourceCatalog() {
            @Override
            public Optional<SourceDefinition> find(String source) {
                return DeltaFixture.SOURCE.equals(source) ? Optional.of(hr) : Optional.empty();
            }

            @Override
            public Set<String> names() {
                return Set.of(DeltaFixture.SOURCE);
            }
        };
        FileRunStore runs = new FileRunStore(fixture.state, fixture.mapper);
        ExtractRun run = new ExtractRun(fixture.zone, runs, fixture.mapper, clock,
                new Ledger(fixture.state, fixture.mapper), new ExtractRun.Consulted(
                        new DeltaRuns(fixture.state, fixture.mapper, clock), SchemaPreflight.NONE,
                        new TrailLog(fixture.state, fixture.mapper, clock)));
        return new InboundFileProcessor(new InboundFileProcessor.Storage(fixture.zone, fixture.state, runs), catalog,
                fixture.engines::create, run, InboundFileProcessor.Settings.DEFAULT, clock);
    }
}
