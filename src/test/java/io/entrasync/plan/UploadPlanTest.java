package io.entrasync.plan;

import static io.entrasync.plan.TestUsers.MAPPER;
import static io.entrasync.plan.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.entrasync.scim.ScimUser;

class UploadPlanTest {

    private static List<ScimUser> users(int count) {
        return IntStream.range(0, count).mapToObj(i -> user("E" + i, i + 2)).toList();
    }

    @Test
    void cutsFullBatchesOfFiftyAndOnlyTheLastIsShorter() {
        UploadPlan plan = UploadPlan.of(users(120).iterator(), MAPPER);

        assertThat(plan.batchCount()).isEqualTo(3);
        assertThat(plan.batch(0).users()).hasSize(50);
        assertThat(plan.batch(1).users()).hasSize(50);
        assertThat(plan.batch(2).users()).hasSize(20);
        assertThat(plan.batch(2).index()).isEqualTo(2);
        assertThat(plan.userCount()).isEqualTo(120);
    }

    @Test
    void givesBackEachUserUnchanged() {
        List<ScimUser> input = users(3);
        UploadPlan plan = UploadPlan.of(input.iterator(), MAPPER);

        assertThat(plan.batch(0).users()).containsExactlyElementsOf(input);
    }

    @Test
    void anEmptyInputHasNoBatches() {
        assertThat(UploadPlan.of(List.<ScimUser>of().iterator(), MAPPER).batchCount()).isZero();
    }

    @Test
    void leavesOutLaterDuplicatesAndSaysWhere() {
        List<ScimUser> input = List.of(user("A", 2), user("B", 3), user("A", 4));

        UploadPlan plan = UploadPlan.of(input.iterator(), MAPPER);

        assertThat(plan.userCount()).isEqualTo(2);
        assertThat(plan.duplicates()).singleElement().satisfies(duplicate -> {
            assertThat(duplicate.record()).isEqualTo(new RecordRef("A", 4));
            assertThat(duplicate.firstPosition()).isEqualTo(2);
            assertThat(duplicate.describe()).contains("duplicate externalId A").contains("position 2");
        });
    }

    @Test
    void aManagerLateInTheExtractGoesInAnEarlierBatchThanItsReports() {
        List<ScimUser> input = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            input.add(user("E" + i, i + 2, "BOSS"));
        }
        input.add(user("BOSS", 200));

        UploadPlan plan = UploadPlan.of(input.iterator(), MAPPER);

        assertThat(plan.batch(0).users().get(0).externalId()).isEqualTo("BOSS");
        assertThat(plan.batchCount()).isEqualTo(3);
        assertThat(plan.recordsFrom(2)).hasSize(21);
    }

    @Test
    void theSameInputGivesTheSameBatchesSoABatchIndexIsAResumePoint() {
        List<ScimUser> input = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            input.add(user("E" + i, i + 2, i % 7 == 0 ? null : "E" + (i + 3) % 130));
        }

        UploadPlan first = UploadPlan.of(input.iterator(), MAPPER);
        UploadPlan second = UploadPlan.of(input.iterator(), MAPPER);

        for (int b = 0; b < first.batchCount(); b++) {
            assertThat(second.batch(b).records()).isEqualTo(first.batch(b).records());
        }
        assertThat(second.recordsFrom(1)).isEqualTo(first.recordsFrom(1));
    }

    /**
     * Reports are grouped by their manager's place: in a shuffled 4-level tree (1 + 10 + 100 + 1,000), the reports of
     * the managers sent first come first, so most batches wait for one batch only, and a batch of the lowest level can
     * leave once the first batch of the level above has its 202 instead of all of them.
     */
    @Test
    void reportsAreGroupedByTheirManagersPlaceSoMostBatchesWaitForOneBatchOnly() {
        List<ScimUser> input = new ArrayList<>();
        List<Integer> order = new ArrayList<>(IntStream.range(0, 1111).boxed().toList());
        Collections.shuffle(order, new Random(3));
        for (int i : order) {
            input.add(user("E" + i, i + 2, i == 0 ? null : "E" + (i - 1) / 10));
        }

        UploadPlan plan = UploadPlan.of(input.iterator(), MAPPER);

        int lowestLevelStart = 111 / 50; // batch 2 holds the first users of the lowest level
        long waitingForOne = IntStream.range(lowestLevelStart + 1, plan.batchCount())
                .filter(b -> plan.dependencies(b).length == 1).count();
        assertThat(waitingForOne).isGreaterThanOrEqualTo(plan.batchCount() - lowestLevelStart - 1 - 2);
        // the first full batch of the lowest level needs only batch 0 (the first managers), not all three
        assertThat(plan.dependencies(lowestLevelStart + 1)).containsExactly(0);
        // and one manager's reports (E111 to E120 report to E11) keep their source order
        List<String> reportsOfE11 = plan.recordsFrom(0).stream().map(RecordRef::externalId)
                .filter(UploadPlanTest::reportsToE11).toList();
        List<String> inSource = input.stream().map(ScimUser::externalId).filter(UploadPlanTest::reportsToE11)
                .toList();
        assertThat(reportsOfE11).hasSize(10).isEqualTo(inSource);
    }

    private static boolean reportsToE11(String externalId) {
        int number = Integer.parseInt(externalId.substring(1));
        return number >= 111 && number <= 120;
    }
}
