package io.entrasync.trail;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.state.BlobStateStore;
import io.entrasync.support.MovableClock;
import io.entrasync.support.TestAzurite;

/**
 * The trail of a source of N people (default 100,000) over D daily runs (default 365) in which 2 % of the people
 * change, written through the real trail writer and compactor ({@link SyntheticRuns}: a run event, the decisions
 * with the values sent, the accepted lines, then a reconciliation pass of verdicts), against Azurite. Prints the
 * trail's time per day (segment + pass + compaction when due), the state's size per person, and the time of
 * {@code trace} for people picked at random at the end.
 *
 * <pre>
 * ./mvnw -B -q -o test -Dtest=TrailBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx1g \
 *     [-Dbenchmark.people=100000] [-Dbenchmark.days=365] [-Dbenchmark.share=0.02]
 * </pre>
 */
class TrailBenchmark {

    @Test
    void aYearOfDailyRuns() {
        int people = Integer.getInteger("benchmark.people", 100_000);
        int days = Integer.getInteger("benchmark.days", 365);
        double share = Double.parseDouble(System.getProperty("benchmark.share", "0.02"));
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(
                TestAzurite.connectionString()).buildClient().getBlobContainerClient("trail-bench-"
                        + UUID.randomUUID().toString().substring(0, 8));
        BlobStateStore state = new BlobStateStore(container);
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T06:00:00Z"));
        SyntheticRuns runs = new SyntheticRuns(new TrailLog(state, mapper, clock), mapper, clock);
        Random random = new Random(27);
        int changing = (int) Math.round(people * share);
        long total = 0;
        long slowest = 0;
        for (int day = 1; day <= days; day++) {
            int[] changed = random.ints(0, people).distinct().limit(changing).sorted().toArray();
            long start = System.nanoTime();
            runs.day("hr", day, changed, "Dept" + day);
            long took = System.nanoTime() - start;
            total += took;
            slowest = Math.max(slowest, took);
            clock.advance(Duration.ofDays(1).minusMinutes(10));
            if (day % 30 == 0 || day == days) {
                System.out.printf("day %d: trail %.2f s this day, %.2f s per day so far, slowest %.2f s%n", day,
                        took / 1e9, total / 1e9 / day, slowest / 1e9);
            }
        }
        long bytes = 0;
        int blobs = 0;
        for (BlobItem blob : container.listBlobs(new ListBlobsOptions().setPrefix("hr/trail/"), null)) {
            bytes += blob.getProperties().getContentLength();
            blobs++;
        }
        System.out.printf("state: %,d bytes in %d blobs = %,.0f bytes per person (%d people, %d days, %d changes "
                + "a day)%n", bytes, blobs, bytes / (double) people, people, days, changing);
        PersonTrail trail = new PersonTrail(state, mapper);
        long slowestTrace = 0;
        long traces = 0;
        for (int i = 0; i < 10; i++) {
            String id = SyntheticRuns.id(random.nextInt(people));
            long start = System.nanoTime();
            Trace trace = trail.trace("hr", id);
            long took = System.nanoTime() - start;
            traces += took;
            slowestTrace = Math.max(slowestTrace, took);
            System.out.printf("trace %s: %d entries in %.2f s%n", id, trace.entries().size(), took / 1e9);
        }
        System.out.printf("trace: %.2f s on average, slowest %.2f s%n", traces / 1e9 / 10, slowestTrace / 1e9);
        container.delete();
    }
}
