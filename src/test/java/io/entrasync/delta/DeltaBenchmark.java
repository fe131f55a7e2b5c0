package io.entrasync.delta;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.run.FileRunResult;
import io.entrasync.support.TestAzurite;
import io.entrasync.upload.PacingSettings;

/**
 * Re-drop of an unchanged extract. N records (default 100,000) are sent once through the drop-a-file pipeline to the
 * emulator to seed the snapshot (pacing raised: 2,000 paced calls would take 4 minutes), in this JVM. The re-drops
 * then run in a <b>separate JVM with a small heap</b> ({@code -Dbenchmark.heap}, default 128m) over the same Azurite
 * containers, so the in-process emulator's directory does not count: per re-drop the wall time, the bulkUpload calls
 * (must be 0) and the peak heap. Also prints the snapshot's size in blob storage.
 *
 * <pre>
 * ./mvnw -B -q test -Dtest=DeltaBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx3g \
 *     [-Dbenchmark.records=100000] [-Dbenchmark.runs=3] [-Dbenchmark.heap=128m]
 * </pre>
 */
class DeltaBenchmark {

    @Test
    void reDropOfAnUnchangedExtract() throws Exception {
        int records = Integer.getInteger("benchmark.records", 100_000);
        int runs = Integer.getInteger("benchmark.runs", 3);
        String heap = System.getProperty("benchmark.heap", "128m");
        Path extract = Files.createTempFile("delta-benchmark-", ".csv");
        try (ProvisioningEmulator emulator = ProvisioningEmulator.start(settings())) {
            DeltaFixture fixture = fast(new DeltaFixture(emulator));
            List<String> rows = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                String id = Integer.toString(1_000_000 + i);
                rows.add(DeltaFixture.worker(id, i == 0 ? "" : Integer.toString(1_000_000 + (i - 1) / 10)));
            }
            Files.writeString(extract, DeltaFixture.csv(rows));
            rows = null;
            long seedStart = System.nanoTime();
            FileRunResult seed = drop(fixture, "seed.csv", extract);
            System.out.printf("seed: %s, %d calls, %.1f s%n", seed.outcome(), emulator.stats().calls().accepted(),
                    (System.nanoTime() - seedStart) / 1e9);
            SnapshotManifest snapshot = fixture.deltas.snapshots().current("hr").manifest();
            System.out.printf("snapshot: %,d records, %,d bytes in %d shards = %,.0f bytes per 100,000 records "
                    + "(the extract: %,d bytes)%n", snapshot.records(), snapshot.bytes(),
                    snapshot.shards().stream().filter(s -> !s.isEmpty()).count(),
                    snapshot.bytes() * 100_000.0 / snapshot.records(), Files.size(extract));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                    "-Dbenchmark.azurite=" + TestAzurite.connectionString(),
                    DeltaBenchmark.class.getName(), fixture.suffix, extract.toString(), Integer.toString(runs))
                    .inheritIO().start();
            int exit = child.waitFor();
            System.out.println("re-drop JVM (-Xmx" + heap + ") exit code " + exit);
        } finally {
            Files.deleteIfExists(extract);
        }
    }

    /** The re-drops, in their own JVM: {@code <container suffix> <extract> <runs>}. */
    public static void main(String[] args) throws Exception {
        try (ProvisioningEmulator emulator = ProvisioningEmulator.start(settings())) {
            DeltaFixture fixture = fast(new DeltaFixture(emulator, args[0]));
            Path extract = Path.of(args[1]);
            for (int run = 1; run <= Integer.parseInt(args[2]); run++) {
                long callsBefore = emulator.stats().calls().accepted();
                System.gc();
                List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                FileRunResult again = drop(fixture, "again-" + run + ".csv", extract);
                double seconds = (System.nanoTime() - start) / 1e9;
                long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                System.out.flush();
                System.err.printf("re-drop %d: %s, %.2f s, %d calls, peak heap %.0f MB (max %d MB), %s unchanged%n",
                        run, again.outcome(), seconds, emulator.stats().calls().accepted() - callsBefore,
                        peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576,
                        again.report().map(report -> Long.toString(report.records().unchanged())).orElse("?"));
            }
            SnapshotManifest snapshot = fixture.deltas.snapshots().current("hr").manifest();
            long start = System.nanoTime();
            SnapshotIndex index = SnapshotIndex.load(fixture.deltas.snapshots(), snapshot);
            System.err.printf("index load alone: %,d records in %.2f s%n", index.size(),
                    (System.nanoTime() - start) / 1e9);
        }
        System.exit(0);
    }

    static EmulatorSettings settings() {
        return EmulatorSettings.fast().withPort(0).withCallsPerWindow(100_000, Duration.ofSeconds(1))
                .withDailyQuota(1_000_000);
    }

    static DeltaFixture fast(DeltaFixture fixture) {
        fixture.upload = fixture.upload.withPacing(new PacingSettings(100_000, Duration.ofSeconds(1)))
                .withDailyCalls(1_000_000);
        return fixture;
    }

    static FileRunResult drop(DeltaFixture fixture, String name, Path file) {
        fixture.zone.inbound().getBlobClient("hr/" + name).uploadFromFile(file.toString(), true);
        return fixture.processor().process("hr/" + name);
    }
}
