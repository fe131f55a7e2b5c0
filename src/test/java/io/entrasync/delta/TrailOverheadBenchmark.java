package io.entrasync.delta;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.run.FileRunResult;
import io.entrasync.trail.TrailLog;
import io.entrasync.trail.TrailSettings;

/**
 * The run's extra time for keeping each person's trail (issue 27), on real runs: a source of N people (default
 * 100,000) is seeded once through the drop-a-file pipeline (CSV, mapping, delta, upload to the in-process emulator
 * with raised pacing, Azurite), then daily runs in which 2 % of the people change department alternate with the trail
 * on and off in this JVM (after one warm-up run not counted; order on, off, off, on, … so a drift of the machine's
 * load hits both alike). Prints each run's wall time, the means with and without the trail and their ratio, then
 * the time of one compaction of the segments written (which runs in the reconcile timer's pass, not in the run).
 *
 * <pre>
 * ./mvnw -B -q -o test -Dtest=TrailOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx4g \
 *     [-Dbenchmark.records=100000] [-Dbenchmark.pairs=4] [-Dbenchmark.share=0.02]
 * </pre>
 */
class TrailOverheadBenchmark {

    @Test
    void dailyRunsWithAndWithoutTheTrail() throws Exception {
        int records = Integer.getInteger("benchmark.records", 100_000);
        int pairs = Integer.getInteger("benchmark.pairs", 4);
        double share = Double.parseDouble(System.getProperty("benchmark.share", "0.02"));
        Path extract = Files.createTempFile("trail-overhead-", ".csv");
        try (ProvisioningEmulator emulator = ProvisioningEmulator.start(DeltaBenchmark.settings())) {
            DeltaFixture fixture = DeltaBenchmark.fast(new DeltaFixture(emulator));
            String[] departments = new String[records];
            Arrays.fill(departments, "Sales");
            Files.writeString(extract, extract(departments));
            long seedStart = System.nanoTime();
            FileRunResult seed = DeltaBenchmark.drop(fixture, "seed.csv", extract);
            System.out.printf("seed: %s, %d calls, %.1f s%n", seed.outcome(), emulator.stats().calls().accepted(),
                    (System.nanoTime() - seedStart) / 1e9);
            Random random = new Random(27);
            int changing = (int) Math.round(records * share);
            double[] total = new double[2];
            for (int day = 0; day <= 2 * pairs; day++) {
                boolean withTrail = day % 4 == 1 || day % 4 == 0; // day 0 warms up and is not counted
                random.ints(0, records).distinct().limit(changing).forEach(i -> departments[i] = "Dept" + i % 97);
                departments[random.nextInt(records)] = "Dept-day"; // never the same extract twice
                Files.writeString(extract, extract(departments));
                fixture.keepTrail = withTrail;
                long callsBefore = emulator.stats().calls().accepted();
                long start = System.nanoTime();
                FileRunResult run = DeltaBenchmark.drop(fixture, "day-" + day + ".csv", extract);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (day > 0) {
                    total[withTrail ? 1 : 0] += seconds;
                }
                System.out.printf("day %d, trail %s: %s, %.2f s, %d calls%n", day, withTrail ? "on " : "off",
                        run.outcome(), seconds, emulator.stats().calls().accepted() - callsBefore);
            }
            double on = total[1] / pairs;
            double off = total[0] / pairs;
            System.out.printf("mean run: %.2f s with the trail, %.2f s without: ratio %.3f (%+.1f %%)%n", on, off,
                    on / off, (on / off - 1) * 100);
            long start = System.nanoTime();
            new TrailLog(fixture.state, fixture.mapper, Clock.systemUTC(), new TrailSettings(Duration.ofDays(400), 1))
                    .compactIfDue(DeltaFixture.SOURCE);
            System.out.printf("one compaction of the segments the runs with the trail wrote (reconcile timer, not the "
                    + "run): %.2f s%n",
                    (System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(extract);
        }
    }

    private static String extract(String[] departments) {
        List<String> rows = new ArrayList<>(departments.length);
        for (int i = 0; i < departments.length; i++) {
            String id = Integer.toString(1_000_000 + i);
            rows.add(DeltaFixture.worker(id, i == 0 ? "" : Integer.toString(1_000_000 + (i - 1) / 10),
                    departments[i]));
        }
        return DeltaFixture.csv(rows);
    }
}
