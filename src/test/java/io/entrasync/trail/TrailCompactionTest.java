package io.entrasync.trail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.state.BlobStateStore;
import io.entrasync.support.MovableClock;
import io.entrasync.support.TestAzurite;

/** Compaction folds segments into shards without changing what trace shows, and prunes past the retention. */
class TrailCompactionTest {

    private static final String SOURCE = "hr";
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final BlobStateStore state = new BlobStateStore(new BlobServiceClientBuilder()
            .connectionString(TestAzurite.connectionString()).buildClient()
            .getBlobContainerClient("state-" + UUID.randomUUID().toString().substring(0, 8)));
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T06:00:00Z"));

    @Test
    void foldedSegmentsReadTheSameAndOnlyAFewSegmentsStay() {
        SyntheticRuns runs = new SyntheticRuns(new TrailLog(state, mapper, clock, new TrailSettings(
                Duration.ofDays(400), 4)), mapper, clock);
        for (int day = 1; day <= 10; day++) {
            runs.day(SOURCE, day, new int[] {day, 100 + day, 7}, "Dept" + day);
            clock.advance(Duration.ofDays(1));
        }

        assertThat(state.list(SOURCE + "/trail/segments/")).hasSizeLessThanOrEqualTo(5);
        assertThat(state.list(SOURCE + "/trail/shards/")).isNotEmpty();
        Trace seven = new PersonTrail(state, mapper).trace(SOURCE, SyntheticRuns.id(7));
        List<Trace.Entry> changes = seven.entries().stream().filter(entry -> entry.event().equals("changed"))
                .toList();
        assertThat(changes).hasSize(10);
        assertThat(changes.get(0).changes()).containsExactly(new Trace.Change("department", "Dept9", "Dept10"));
        assertThat(changes.get(0).file()).isEqualTo("hr-day10.csv");
        assertThat(seven.now().values()).doesNotContainKey("password").containsEntry("department", "Dept10");
        assertThat(seven.entries().stream().filter(entry -> entry.event().equals("service verdict"))).hasSize(10);
        Trace three = new PersonTrail(state, mapper).trace(SOURCE, SyntheticRuns.id(3));
        assertThat(three.entries()).extracting(Trace.Entry::event).first().isEqualTo("carried unchanged");
        assertThat(three.entries().get(0).detail()).contains("7 complete extracts", "hr-day4.csv", "hr-day10.csv");
    }

    @Test
    void eventsPastTheRetentionGoButTheLastSentValuesStay() {
        SyntheticRuns runs = new SyntheticRuns(new TrailLog(state, mapper, clock, new TrailSettings(
                Duration.ofDays(40), 1)), mapper, clock);
        runs.day(SOURCE, 1, new int[] {5, 6}, "Old");
        clock.advance(Duration.ofDays(1));
        runs.day(SOURCE, 2, new int[] {6}, "Older");
        clock.advance(Duration.ofDays(100));
        runs.day(SOURCE, 3, new int[] {6}, "New");
        clock.advance(Duration.ofDays(1));
        runs.day(SOURCE, 4, new int[] {6}, "Newest");
        for (int day = 5; day < 5 + 8; day++) {
            runs.day(SOURCE, day, new int[] {1000 + day}, "Other"); // 8 compactions: every shard pruned once
        }

        Trace five = new PersonTrail(state, mapper).trace(SOURCE, SyntheticRuns.id(5));
        assertThat(five.entries()).extracting(Trace.Entry::event).doesNotContain("service verdict");
        assertThat(five.now().values()).containsEntry("department", "Old");
        Trace six = new PersonTrail(state, mapper).trace(SOURCE, SyntheticRuns.id(6));
        List<Trace.Entry> changes = six.entries().stream().filter(entry -> entry.event().equals("changed"))
                .toList();
        assertThat(changes).extracting(Trace.Entry::run).as("day 2's values stay as the base of day 3's change")
                .containsExactly("run-4", "run-3", "run-2");
        assertThat(changes.get(1).changes()).containsExactly(new Trace.Change("department", "Older", "New"));
    }
}
