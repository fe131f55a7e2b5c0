package io.entrasync.delta;

import static io.entrasync.delta.DeltaFixture.csv;
import static io.entrasync.delta.DeltaFixture.runIdOf;
import static io.entrasync.delta.DeltaFixture.worker;
import static io.entrasync.delta.DeltaFixture.workers;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.FileRunResult.Outcome;
import io.entrasync.support.EmulatorExtension;
import io.entrasync.trail.PersonTrail;
import io.entrasync.trail.Trace;

/**
 * The trail's events a person meets when a run does not simply send them (issue 27), on a file source driven through
 * several runs (Azurite, the emulator): held by the mass-change guard then sent once approved, deferred by the daily
 * quota then sent by the next run, and the first change of a person whose trail began after the upgrade.
 */
class TrailEventsTest {

    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EmulatorSettings.fast().withPort(0));
    private ProvisioningEmulator emulator;
    private DeltaFixture fixture;
    private PersonTrail trail;

    @BeforeEach
    void fresh() {
        emulator = RUNNING.emulator();
        fixture = new DeltaFixture(emulator);
        trail = new PersonTrail(fixture.state, fixture.mapper);
    }

    @Test
    void aPersonHeldByTheGuardIsShownHeldThenSentOnceApproved() throws Exception {
        fixture.withDelta(delta -> delta.withFullExtract(true));
        fixture.drop("day1.csv", csv(workers(100, 10)));

        FileRunResult held = fixture.drop("day2.csv", csv(workers(100, 1)));

        assertThat(held.outcome()).isEqualTo(Outcome.HELD);
        Trace heldOne = trail.trace("hr", "105");
        Trace.Entry newest = heldOne.entries().get(0);
        assertThat(newest.outcome()).isEqualTo("held");
        assertThat(newest.file()).isEqualTo("day2.csv");
        assertThat(newest.detail()).contains("the run is held");
        assertThat(heldOne.now().open()).startsWith("held by the mass-change guard in run " + runIdOf(held));
        assertThat(heldOne.now().values()).as("nothing sent while held").containsEntry("active", "true");

        fixture.deltas.state().approve("hr", runIdOf(held), "test", Instant.now());
        FileRunResult approved = fixture.processor().process("hr/day2.csv");
        assertThat(approved.outcome()).as(approved.message()).isEqualTo(Outcome.PROCESSED);

        Trace sent = trail.trace("hr", "105");
        assertThat(sent.entries()).extracting(Trace.Entry::outcome)
                .containsSubsequence("accepted", "leaver", "held", "leaver", "create");
        assertThat(sent.entries().get(0).outcome()).isEqualTo("accepted");
        assertThat(sent.now().open()).as("no longer held").startsWith("sent in run");
        assertThat(sent.now().values()).containsEntry("active", "false");
    }

    @Test
    void aPersonDeferredByTheQuotaIsShownDeferredThenSentByTheNextRun() throws Exception {
        fixture.withDailyCalls(1);
        List<String> rows = workers(300, 60);

        FileRunResult deferred = fixture.drop("day1.csv", csv(rows));

        assertThat(deferred.outcome()).isEqualTo(Outcome.DEFERRED);
        Trace late = trail.trace("hr", "359");
        assertThat(late.entries().get(0).outcome()).isEqualTo("deferred");
        assertThat(late.now().open()).isEqualTo("deferred by the daily quota in run " + runIdOf(deferred)
                + "; it goes out with the next run");
        Trace early = trail.trace("hr", "300");
        assertThat(early.entries().get(0).outcome()).as("in the one call the quota allowed").isEqualTo("accepted");

        fixture.withDailyCalls(2000);
        FileRunResult next = fixture.drop("day2.csv", csv(rows));
        assertThat(next.outcome()).isEqualTo(Outcome.PROCESSED);

        Trace sent = trail.trace("hr", "359");
        assertThat(events(sent)).containsSubsequence("run outcome", "new", "run outcome", "new");
        assertThat(sent.entries().get(0).file()).isEqualTo("day2.csv");
        assertThat(sent.entries().get(0).outcome()).isEqualTo("accepted");
        assertThat(sent.now().open()).startsWith("sent in run " + runIdOf(next));
    }

    @Test
    void theFirstChangeAfterUpgradingClaimsNoAttributeAsNew() throws Exception {
        fixture.keepTrail = false; // the deployment before the upgrade kept no trail
        FileRunResult before = fixture.drop("day1.csv", csv(worker("700", ""), worker("701", "")));
        assertThat(before.outcome()).isEqualTo(Outcome.PROCESSED);
        emulator.awaitIdle(Duration.ofSeconds(10));
        fixture.keepTrail = true;

        fixture.drop("day2.csv", csv(worker("700", "", "Marketing"), worker("701", ""), worker("702", "")));

        Trace changed = trail.trace("hr", "700");
        Trace.Entry first = changed.entries().stream().filter(entry -> entry.event().equals("changed")).findFirst()
                .orElseThrow();
        assertThat(first.changes()).as("the values before the upgrade are not known").isNull();
        assertThat(first.detail()).contains("first change recorded since the trail began");
        assertThat(changed.now().values()).containsEntry("department", "Marketing");
        Trace created = trail.trace("hr", "702");
        Trace.Entry fresh = created.entries().stream().filter(entry -> entry.event().equals("new")).findFirst()
                .orElseThrow();
        assertThat(fresh.changes()).as("a person created after the upgrade: every attribute is new")
                .anySatisfy(change -> assertThat(change.before()).isNull())
                .anySatisfy(change -> assertThat(change.attribute()).isEqualTo("userName"));

        fixture.drop("day3.csv", csv(worker("700", "", "Legal"), worker("701", ""), worker("702", "")));
        Trace.Entry second = trail.trace("hr", "700").entries().stream()
                .filter(entry -> entry.event().equals("changed")).findFirst().orElseThrow();
        assertThat(second.file()).isEqualTo("day3.csv");
        assertThat(second.changes()).as("the next change knows the values the trail kept")
                .containsExactly(new Trace.Change("department", "Marketing", "Legal"));
    }

    private static List<String> events(Trace trace) {
        return trace.entries().stream().map(Trace.Entry::event).toList();
    }
}
