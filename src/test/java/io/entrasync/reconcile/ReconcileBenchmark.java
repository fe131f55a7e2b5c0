package io.entrasync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;

/**
 * Not part of the normal test run (surefire excludes *Benchmark*). Provisioning-log requests per 1,000 reconciled
 * records, against the emulator with the real reports limit (5 requests / 10 s) and the default client settings:
 * {@code ./mvnw -B -q test -Dtest=ReconcileBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Drecords=5000]}
 */
class ReconcileBenchmark {

    private static final int RECORDS = Integer.getInteger("records", 5000);

    @Test
    void logRequestsPerThousandRecords() throws Exception {
        try (ProvisioningEmulator emulator = ProvisioningEmulator.start(EmulatorSettings.fast().withPort(0))) {
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                int id = 100000 + i;
                String manager = i % 20 == 0 ? "" : Integer.toString(100000 + (i / 20) * 20);
                rows.add(ReconcileFixture.worker(Integer.toString(id), "u" + id, manager));
            }
            String clean = ReconcileFixture.csv(rows.toArray(String[]::new));
            for (int pageSize : new int[] {500, 1000}) {
                measure(emulator, "clean extract, " + RECORDS + " records, every 20th a manager", clean, pageSize);
            }
            measure(emulator,
                    "Microsoft's 1000-record sample (359 sent, 213 created without a manager that is in no extract)",
                    Files.readString(Path.of("samples/extracts/csv-with-1000-records.csv")), 500);
        }
    }

    private static void measure(ProvisioningEmulator emulator, String name, String csv, int pageSize)
            throws Exception {
        emulator.reset();
        ReconcileFixture fixture = new ReconcileFixture(emulator);
        fixture.dropAndProcess("extract.csv", csv);
        emulator.awaitIdle(Duration.ofSeconds(60));
        Reconciler reconciler = fixture.reconciler(ReconcileSettings.DEFAULT.withPageSize(pageSize)
                .withWaitPoll(Duration.ofSeconds(1)));
        long started = System.nanoTime();
        WaitResult result = reconciler.reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(),
                Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(result.complete()).as(result.describe()).isTrue();
        long records = result.outcomes().values().stream().mapToLong(Long::longValue).sum();
        double requests = fixture.metrics.registry().get("entrasync.graph.requests").tag("api", "provisioningLogs")
                .counter().count();
        double throttled = fixture.metrics.registry().find("entrasync.graph.throttled").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        System.out.printf("%s, $top=%d: %d records reconciled in %d pass(es), %.0f log requests (%.1f per 1,000"
                + " records), %.0f throttled, %d log entries in the emulator, %.1f s (%s)%n", name, pageSize, records,
                result.passes(), requests, requests * 1000 / records, throttled, emulator.logEntries().size(), seconds,
                result.describe());
    }
}
