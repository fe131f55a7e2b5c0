package io.entrasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.entrasync.delta.DeltaSettings;
import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.support.EmulatorExtension;
import io.entrasync.sync.ApiSyncResult.Outcome;
import io.entrasync.trail.PersonTrail;
import io.entrasync.trail.Trace;
import io.entrasync.trail.TrailSettings;

/**
 * Each person's trail (issue 27) for an HR API source: SuccessFactors OData v2 pages (WireMock), two complete reads
 * through the same pipeline as files, Azurite, the emulator. The first read creates everyone; the second, proved
 * complete against {@code d.__count}, no longer has the last person, who is disabled as a leaver.
 */
class ApiSyncTrailTest {

    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EmulatorSettings.fast().withPort(0));
    private static final int EVERYONE = SuccessFactorsStub.ENTRIES;
    private static final String LAST = SuccessFactorsStub.userId(EVERYONE - 1);

    private final SuccessFactorsStub api = new SuccessFactorsStub().counted();

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void anApiReadsPersonIsTracedFromCreationToLeaver() throws Exception {
        ProvisioningEmulator emulator = RUNNING.emulator();
        ApiSyncFixture fixture = new ApiSyncFixture(emulator, api).withDelta(DeltaSettings.DEFAULT
                .withFullExtract(true).withGuard(new DeltaSettings.Guard(0.9, java.util.OptionalLong.empty(),
                        java.util.OptionalLong.empty(), 0.2)));
        api.stubCountedPages(SuccessFactorsStub.PAGE_SIZE, EVERYONE);
        ApiSyncResult first = fixture.runner().sync(SuccessFactorsStub.SOURCE, true);
        assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.COMPLETED);
        emulator.awaitIdle(Duration.ofSeconds(30));
        api.server.resetMappings();
        api.stubCountedPages(SuccessFactorsStub.PAGE_SIZE - 1, EVERYONE - 1);

        ApiSyncResult second = fixture.runner().sync(SuccessFactorsStub.SOURCE, true);

        assertThat(second.outcome()).as(second.message()).isEqualTo(Outcome.COMPLETED);
        Trace last = new PersonTrail(fixture.state, fixture.mapper).trace(SuccessFactorsStub.SOURCE, LAST);
        List<String> events = last.entries().stream().map(Trace.Entry::event).toList();
        assertThat(events).containsSubsequence("leaver", "run outcome", "new");
        Trace.Entry created = last.entries().get(last.entries().size() - 1);
        assertThat(created.file()).as("the API read that carried them").isNotBlank();
        assertThat(created.position()).as("their record number in the read").isPositive();
        assertThat(created.changes()).anySatisfy(change -> assertThat(change.attribute()).isEqualTo("userName"));
        assertThat(last.now().values()).containsEntry("active", "false");
        Trace first0 = new PersonTrail(fixture.state, fixture.mapper).trace(SuccessFactorsStub.SOURCE,
                SuccessFactorsStub.userId(0));
        assertThat(first0.entries().get(0).event()).as("carried by the second complete read, nothing to send")
                .isEqualTo("carried unchanged");
    }

    @Test
    void anApiReadDeferredByTheQuotaIsShownDeferredThenSentWhenTheSpoolResumes() throws Exception {
        ProvisioningEmulator emulator = RUNNING.emulator();
        ApiSyncFixture fixture = new ApiSyncFixture(emulator, api);
        api.stubCountedPages(SuccessFactorsStub.PAGE_SIZE, EVERYONE);

        ApiSyncResult deferred = fixture.withDailyCalls(1).runner().sync(SuccessFactorsStub.SOURCE, true);

        assertThat(deferred.outcome()).as(deferred.message()).isEqualTo(Outcome.DEFERRED);
        PersonTrail trail = new PersonTrail(fixture.state, fixture.mapper);
        Trace waiting = trail.trace(SuccessFactorsStub.SOURCE, LAST);
        assertThat(waiting.entries().get(0).outcome()).isEqualTo("deferred");
        assertThat(waiting.now().open()).startsWith("deferred by the daily quota in run");
        assertThat(waiting.entries().get(0).file()).as("the API read that carried them").isNotBlank();

        ApiSyncResult resumed = fixture.withDailyCalls(2000).runner().sync(SuccessFactorsStub.SOURCE, true);

        assertThat(resumed.outcome()).as(resumed.message()).isEqualTo(Outcome.COMPLETED);
        Trace sent = trail.trace(SuccessFactorsStub.SOURCE, LAST);
        assertThat(sent.entries()).extracting(Trace.Entry::outcome).containsSubsequence("accepted", "deferred");
        assertThat(sent.now().open()).startsWith("sent in run");
    }

    @Test
    void theTrailSettingsReachTheCompactionOfAnApiSourcesTrail() throws Exception {
        ProvisioningEmulator emulator = RUNNING.emulator();
        ApiSyncFixture fixture = new ApiSyncFixture(emulator, api);
        api.stubCountedPages(SuccessFactorsStub.PAGE_SIZE, EVERYONE);
        ApiSyncResult first = fixture.runner().sync(SuccessFactorsStub.SOURCE, true);
        assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.COMPLETED);
        ApiSyncResult second = fixture.runner().sync(SuccessFactorsStub.SOURCE, true);
        assertThat(second.outcome()).as(second.message()).isEqualTo(Outcome.COMPLETED);
        String segments = SuccessFactorsStub.SOURCE + "/trail/segments/";
        assertThat(fixture.state.list(segments)).as("a run only appends its segment").hasSize(2);
        emulator.awaitIdle(Duration.ofSeconds(30));

        fixture.reconciler(new TrailSettings(Duration.ofDays(30), 1)).reconcileUntilFinal(SuccessFactorsStub.SOURCE,
                java.util.Optional.empty(), Duration.ofSeconds(30));

        assertThat(fixture.state.list(segments)).as("sync.trail.compact-after-segments=1: folded by the reconcile "
                + "pass (the default, 14, would have kept them)").hasSizeLessThanOrEqualTo(1);
        assertThat(fixture.state.list(SuccessFactorsStub.SOURCE + "/trail/shards/")).isNotEmpty();
        Trace last = new PersonTrail(fixture.state, fixture.mapper).trace(SuccessFactorsStub.SOURCE, LAST);
        assertThat(last.entries()).as("still traced from the shards").extracting(Trace.Entry::event).contains("new");
    }
}
