package io.entrasync.delta;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.run.FileRunResult;
import io.entrasync.upload.PacingSettings;
import io.entrasync.upload.UploadSettings;

/**
 * Re-drop of an unchanged extract: N records (default 100,000) are sent once to seed the snapshot (pacing raised so
 * the seeding takes seconds, not the 4 minutes 2,000 paced calls would), then the same records are dropped again under
 * other names. Prints per re-drop the wall time, the bulkUpload calls (must be 0) and the peak heap, and the
 * snapshot's size in blob storage.
 *
 * <pre>
 * ./mvnw -B -q test -Dtest=DeltaBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx256m \
 *     [-Dbenchmark.records=100000] [-Dbenchmark.runs=3]
 * </pre>
 */
class DeltaBenchmark {

    public static void main(String[] args) throws Exception {
        new DeltaBenchmark().reDropOfAnUnchangedExtract();
    }

    @Test
    void reDropOfAnUnchangedExtract() throws Exception {
        int records = Integer.getInteger("benchmark.records", 100_000);
        int runs = Integer.getInteger("benchmark.runs", 3);
        try (ProvisioningEmulator emulator = ProvisioningEmulator.start(EmulatorSettings.fast().withPort(0)
                .withCallsPerWindow(100_000, Duration.ofSeconds(1)).withDailyQuota(1_000_000))) {
            DeltaFixture fixture = new DeltaFixture(emulator);
            fixture.upload = new UploadSettings(fixture.upload.sourceName(), fixture.upload.target(),
                    fixture.upload.auth(), new PacingSettings(100_000, Duration.ofSeconds(1)), 1_000_000,
                    fixture.upload.sharingKey(), fixture.upload.retries(), fixture.upload.connectTimeout(),
                    fixture.upload.requestTimeout());
            List<String> rows = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                String id = Integer.toString(1_000_000 + i);
                rows.add(DeltaFixture.worker(id, i == 0 ? "" : Integer.toString(1_000_000 + (i - 1) / 10)));
            }
            java.nio.file.Path extract = java.nio.file.Files.createTempFile("delta-benchmark-", ".csv");
            java.nio.file.Files.writeString(extract, DeltaFixture.csv(rows));
            rows = null;
            long seedStart = System.nanoTime();
            FileRunResult seed = drop(fixture, "seed.csv", extract);
            System.out.printf("seed: %s, %d calls, %.1f s%n", seed.outcome(), emulator.stats().calls().accepted(),
                    (System.nanoTime() - seedStart) / 1e9);
            SnapshotManifest snapshot = fixture.deltas.snapshots().current("hr").manifest();
            System.out.printf("snapshot: %,d records, %,d bytes in %d shards = %,.0f bytes per 100,000 records "
                    + "(extract: %,d bytes)%n", snapshot.records(), snapshot.bytes(),
                    snapshot.shards().stream().filter(s -> !s.isEmpty()).count(),
                    snapshot.bytes() * 100_000.0 / snapshot.records(), java.nio.file.Files.size(extract));
            // The in-process emulator's directory would count in the heap measured below; nothing is sent anyway.
            emulator.reset();
            for (int run = 1; run <= runs; run++) {
                long callsBefore = emulator.stats().calls().accepted();
                System.gc();
                List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                FileRunResult again = drop(fixture, "again-" + run + ".csv", extract);
                double seconds = (System.nanoTime() - start) / 1e9;
                long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                System.out.printf("re-drop %d: %s, %.2f s, %d calls, peak heap %.0f MB (max %d MB), %s unchanged%n",
                        run, again.outcome(), seconds, emulator.stats().calls().accepted() - callsBefore,
                        peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576,
                        again.report().map(report -> Long.toString(report.records().unchanged())).orElse("?"));
            }
            long start = System.nanoTime();
            SnapshotIndex index = SnapshotIndex.load(fixture.deltas.snapshots(), snapshot);
            System.out.printf("index load alone: %,d records in %.2f s%n", index.size(),
                    (System.nanoTime() - start) / 1e9);
            java.nio.file.Files.deleteIfExists(extract);
        }
    }

    private static FileRunResult drop(DeltaFixture fixture, String name, java.nio.file.Path file) {
        fixture.zone.inbound().getBlobClient("hr/" + name).uploadFromFile(file.toString(), true);
        return fixture.processor().process("hr/" + name);
    }
}
