package io.entrasync.upload;

import static io.entrasync.plan.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.LogEntry;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.emulator.UserView;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.plan.UploadPlan;
import io.entrasync.report.RecordOutcome;
import io.entrasync.scim.ScimSchemas;
import io.entrasync.scim.ScimUser;

/** The upload engine against the provisioning-service emulator over real HTTP, quota state in Azurite. */
class UploadEngineEmulatorTest {

    private ProvisioningEmulator emu;
    private EngineFixture fixture;

    @BeforeEach
    void start() {
        emu = ProvisioningEmulator.start(EmulatorSettings.fast());
        fixture = new EngineFixture(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    /** The batches an upload finished (accepted or refused, or done before it): what its resume leaves out. */
    private static Set<Integer> finishedBatches(UploadResult result) {
        Set<Integer> finished = new TreeSet<>();
        for (int b = 0; b < result.batchCount(); b++) {
            if (!result.notSentBatches().contains(b)) {
                finished.add(b);
            }
        }
        return finished;
    }

    private static List<ScimUser> users(int count) {
        List<ScimUser> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(user("E" + i, i + 2));
        }
        return users;
    }

    @Test
    void sendsFullBatchesAndCallsTheHookAfterEachAcceptedCall() throws Exception {
        UploadPlan plan = EngineFixture.plan(users(120));
        List<AcceptedCall> hooked = new CopyOnWriteArrayList<>();

        UploadResult result = fixture.engine().upload(plan, Set.of(), new UploadListener() {
            @Override
            public void onAccepted(AcceptedCall call) {
                hooked.add(call);
            }
        });

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.COMPLETED);
        assertThat(result.accepted()).extracting(call -> call.records().size()).containsExactly(50, 50, 20);
        assertThat(hooked).isEqualTo(result.accepted());
        assertThat(result.accepted().get(0).location()).hasValueSatisfying(l -> assertThat(l).contains("jobid"));
        assertThat(result.stats().fullCalls()).isEqualTo(2);
        assertThat(result.nextBatch()).isEqualTo(3);
        assertThat(result.sentRecords()).isEqualTo(120);
        emu.awaitIdle(Duration.ofSeconds(10));
        assertThat(emu.users()).hasSize(120);
        assertThat(emu.stats().calls().accepted()).isEqualTo(3);
        EngineFixture.assertEveryRecordAccountedFor(plan, result);
    }

    @Test
    void pacingKeepsUnderTheServicesWindowSoItNeverThrottles() throws Exception {
        emu.updateSettings(s -> s.withCallsPerWindow(5, Duration.ofSeconds(1)));
        fixture.pacing = new PacingSettings(5, Duration.ofSeconds(1));

        UploadResult result = fixture.engine().upload(EngineFixture.plan(users(17 * 50)), Set.of(),
                UploadListener.NONE);

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.COMPLETED);
        assertThat(result.accepted()).hasSize(17);
        assertThat(emu.stats().calls().throttled()).isZero();
        assertThat(result.stats().throttled()).isZero();
        assertThat(result.stats().retries()).isZero();
    }

    @Test
    void withoutOurPacingTheServicesRetryAfterIsHonoured() throws Exception {
        emu.updateSettings(s -> s.withCallsPerWindow(2, Duration.ofSeconds(1)));
        fixture.pacing = new PacingSettings(1000, Duration.ofSeconds(1));
        fixture.retries = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofSeconds(30));

        UploadResult result = fixture.engine().upload(EngineFixture.plan(users(150)), Set.of(), UploadListener.NONE);

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.COMPLETED);
        assertThat(result.stats().throttled()).isEqualTo(1);
        assertThat(result.stats().retries()).isEqualTo(1);
        // the emulator said "Retry-After: 1": that, not the 1 ms backoff, is what the engine waited
        assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(1));
        // calls overlap, so which of the three met the full window depends on arrival order: exactly one was retried
        assertThat(result.accepted()).extracting(call -> call.attempts()).containsExactlyInAnyOrder(1, 1, 2);
    }

    @Test
    void anInjected503WithRetryAfterIsRetriedAfterTheServersDelay() {
        emu.updateSettings(s -> s.withFaults(0, 0, 1, 0).withInjectedRetryAfter(Duration.ofSeconds(2)));
        fixture.onSleep = () -> emu.updateSettings(s -> s.withFaults(0, 0, 0, 0));

        UploadResult result = fixture.engine().upload(EngineFixture.plan(users(10)), Set.of(), UploadListener.NONE);

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.COMPLETED);
        assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aDroppedConnectionIsRetriedWithBackoff() {
        emu.updateSettings(s -> s.withFaults(0, 0, 0, 1));
        fixture.onSleep = () -> emu.updateSettings(s -> s.withFaults(0, 0, 0, 0));

        UploadResult result = fixture.engine().upload(EngineFixture.plan(users(10)), Set.of(), UploadListener.NONE);

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.COMPLETED);
        assertThat(result.stats().retries()).isEqualTo(1);
        assertThat(fixture.sleeps).singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofMillis(5), Duration.ofMillis(10)));
    }

    @Test
    void throttledBeyondTheRetryLimitStopsAndHandsBackTheRest() {
        UploadPlan plan = EngineFixture.plan(users(150));
        fixture.retries = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(30));
        List<Integer> accepted = new ArrayList<>();

        UploadResult result = fixture.engine().upload(plan, Set.of(), new UploadListener() {
            @Override
            public void onAccepted(AcceptedCall call) {
                accepted.add(call.batchIndex());
                if (call.batchIndex() == 0) {
                    emu.updateSettings(s -> s.withFaults(1, 0, 0, 0).withInjectedRetryAfter(Duration.ZERO));
                }
            }
        });

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.SERVICE_UNAVAILABLE);
        assertThat(result.stopDetail()).contains("429").contains("attempt limit (3");
        assertThat(accepted).containsExactly(0);
        assertThat(result.nextBatch()).isEqualTo(1);
        assertThat(result.notSentBatches()).containsExactly(1, 2);
        assertThat(result.unsent()).hasSize(100);
        // batches 1 and 2 overlap: one uses up its 2 retries, the other stops retrying once the upload stops
        assertThat(result.stats().calls()).isBetween(4L, 7L);
        assertThat(result.stats().throttled()).isEqualTo(result.stats().calls() - 1);
        assertThat(result.resultLines()).filteredOn(l -> l.outcome() == RecordOutcome.DEFERRED).hasSize(100);
        EngineFixture.assertEveryRecordAccountedFor(plan, result);
    }

    @Test
    void aRetryAfterLongerThanAllowedStopsInsteadOfBlocking() {
        emu.updateSettings(s -> s.withFaults(1, 0, 0, 0).withInjectedRetryAfter(Duration.ofMinutes(10)));

        UploadResult result = fixture.engine().upload(EngineFixture.plan(users(10)), Set.of(), UploadListener.NONE);

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.SERVICE_UNAVAILABLE);
        assertThat(result.stopDetail()).contains("asks to wait 600 s").contains("retries.max-backoff");
        assertThat(fixture.sleeps).isEmpty();
        assertThat(result.unsent()).hasSize(10);
    }

    @Test
    void aRejectedBatchFailsItsRecordsWithTheServicesReasonAndTheOthersGoThrough() throws Exception {
        List<ScimUser> input = users(150);
        ScimUser broken = input.get(60);
        broken.data().withArray("schemas").removeAll().add(ScimSchemas.CORE_USER); // enterprise URN not listed
        UploadPlan plan = EngineFixture.plan(input);
        List<RecordFailure> hooked = new ArrayList<>();

        UploadResult result = fixture.engine().upload(plan, Set.of(), new UploadListener() {
            @Override
            public void onRejected(int batchIndex, List<RecordFailure> failures) {
                hooked.addAll(failures);
            }
        });

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.COMPLETED);
        assertThat(result.accepted()).extracting(AcceptedCall::batchIndex).containsExactly(0, 2);
        assertThat(result.failures()).hasSize(50).isEqualTo(hooked).allSatisfy(failure -> {
            assertThat(failure.outcome()).isEqualTo(RecordOutcome.FAILED);
            assertThat(failure.httpStatus()).isEqualTo(400);
            assertThat(failure.batchIndex()).isEqualTo(1);
            assertThat(failure.reason()).contains("application/scim+json").contains("Operations[10]")
                    .contains("request-id");
        });
        EngineFixture.assertEveryRecordAccountedFor(plan, result);
    }

    @Test
    void threeRejectedCallsInARowStopToSpareTheQuota() {
        List<ScimUser> input = users(250);
        for (int i = 0; i < 250; i += 50) {
            input.get(i).data().remove("externalId");
        }
        UploadPlan plan = EngineFixture.plan(input);

        UploadResult result = fixture.engine().upload(plan, Set.of(), UploadListener.NONE);

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.TOO_MANY_REJECTIONS);
        assertThat(result.failures()).hasSize(150);
        assertThat(result.unsent()).hasSize(100);
        assertThat(result.nextBatch()).isEqualTo(3);
        assertThat(emu.stats().calls().rejected()).isEqualTo(3);
        EngineFixture.assertEveryRecordAccountedFor(plan, result);
    }

    @Test
    void stopsCleanlyAtTheDailyQuotaAndResumesFromTheNextBatchTheNextDay() throws Exception {
        UploadPlan plan = EngineFixture.plan(users(230));
        fixture.dailyCalls = 3;

        UploadResult first = fixture.engine().upload(plan, Set.of(), UploadListener.NONE);

        assertThat(first.stop()).isEqualTo(UploadResult.Stop.QUOTA_EXHAUSTED);
        assertThat(first.stopDetail()).contains("3 bulkUpload calls per 24 hours").contains("next run");
        assertThat(first.accepted()).hasSize(3);
        assertThat(first.nextBatch()).isEqualTo(3);
        assertThat(first.unsent()).hasSize(80);
        assertThat(first.quota()).hasValueSatisfying(q -> assertThat(q.remaining()).isZero());
        assertThat(emu.stats().calls().accepted()).isEqualTo(3);
        EngineFixture.assertEveryRecordAccountedFor(plan, first);

        fixture.clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(24).plusMinutes(2));
        UploadResult resumed = fixture.engine().upload(plan, finishedBatches(first), UploadListener.NONE);

        assertThat(resumed.stop()).isEqualTo(UploadResult.Stop.COMPLETED);
        assertThat(resumed.accepted()).extracting(AcceptedCall::batchIndex).containsExactly(3, 4);
        assertThat(resumed.quota()).hasValueSatisfying(q -> assertThat(q.used()).isEqualTo(2));
        emu.awaitIdle(Duration.ofSeconds(10));
        assertThat(emu.users()).hasSize(230);
        EngineFixture.assertEveryRecordAccountedFor(plan, finishedBatches(first), resumed);
    }

    @Test
    void quotaReservedButNotUsedIsGivenBackAtTheEnd() {
        List<ScimUser> input = users(600);
        for (int i = 0; i < 150; i += 50) {
            input.get(i).data().remove("externalId");
        }

        UploadResult result = fixture.engine().upload(EngineFixture.plan(input), Set.of(), UploadListener.NONE);

        assertThat(result.stop()).isEqualTo(UploadResult.Stop.TOO_MANY_REJECTIONS);
        assertThat(result.stats().calls()).isEqualTo(3);
        assertThat(fixture.quota().usage().used()).isEqualTo(3);
    }

    @Test
    void managersAreSentBeforeTheirReportsAcrossBatches() throws Exception {
        List<ScimUser> input = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            input.add(user("R" + i, i + 2, i < 60 ? "M1" : "M2"));
        }
        input.add(user("M1", 200, "CEO"));
        input.add(user("M2", 201, "CEO"));
        input.add(user("CEO", 202));

        UploadResult result = fixture.engine().upload(EngineFixture.plan(input), Set.of(), UploadListener.NONE);

        assertThat(result.accepted()).hasSize(3);
        assertThat(result.accepted().get(0).records().subList(0, 3))
                .extracting(r -> r.externalId()).containsExactly("CEO", "M1", "M2");
        emu.awaitIdle(Duration.ofSeconds(10));
        assertThat(emu.logEntries()).extracting(LogEntry::errorCode)
                .doesNotContain("UnableToResolveReferenceAttributeValue");
        assertThat(emu.users()).hasSize(123).allSatisfy(u -> assertThat(u.unresolvedManagerExternalId()).isNull());
        assertThat(emu.user("R119")).map(UserView::managerExternalId).contains("M2");
    }

    @Test
    void aManagerCycleIsReportedAndEveryMemberStillSent() throws Exception {
        List<ScimUser> input = List.of(user("A", 2, "B"), user("B", 3, "A"), user("C", 4, "A"));

        UploadResult result = fixture.engine().upload(EngineFixture.plan(input), Set.of(), UploadListener.NONE);

        assertThat(result.cycles()).singleElement()
                .satisfies(c -> assertThat(c.describe())
                .isEqualTo("manager cycle A -> B -> A: B is sent before its manager A"));
        assertThat(result.sentRecords()).isEqualTo(3);
        emu.awaitIdle(Duration.ofSeconds(10));
        // both in one request, so the service resolves the loop
        assertThat(emu.users()).allSatisfy(u -> assertThat(u.unresolvedManagerExternalId()).isNull());
    }

    @Test
    void duplicatesAreRejectedNotDropped() {
        List<ScimUser> input = List.of(user("A", 2), user("B", 3), user("A", 4));

        UploadResult result = fixture.engine().upload(EngineFixture.plan(input), Set.of(), UploadListener.NONE);

        assertThat(result.sentRecords()).isEqualTo(2);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(RecordOutcome.REJECTED);
            assertThat(f.record().sourcePosition()).isEqualTo(4);
        });
        assertThat(result.resultLines()).hasSize(3);
    }
}
