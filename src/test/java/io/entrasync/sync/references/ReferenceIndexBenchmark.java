package io.entrasync.sync.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.azure.storage.blob.BlobServiceClientBuilder;

import io.entrasync.source.ExtractOptions;
import io.entrasync.source.JsonLinesRecordSource;
import io.entrasync.source.rest.ApiPresets;
import io.entrasync.state.BlobStateStore;
import io.entrasync.support.TestAzurite;

/**
 * Not part of the normal test run (surefire excludes *Benchmark*). The reference index of a SCIM source at 100,000
 * users ({@code manager.value} = the manager's resource id, ten reports per manager): a full read spooled and
 * translated (the index built and saved to Azurite), the blob's size, the index loaded back, and an incremental read
 * of 1,000 changed users translated from it; the heap must stay within -Xmx256m:
 * {@code ./mvnw -B -o test -Dtest=ReferenceIndexBenchmark -DargLine=-Xmx256m -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dusers=N} changes the size).
 */
class ReferenceIndexBenchmark {

    private static final int USERS = Integer.getInteger("users", 100_000);
    private static final String MANAGER = ApiPresets.SCIM_ENTERPRISE + ".manager.value";
    private static final ReferenceRules RULES = ReferenceRules.of("bench", Optional.empty(),
            ApiPresets.defaultReferences(ApiPresets.SCIM), Optional.of("externalId"));

    @TempDir
    Path dir;

    private static String id(int i) {
        return new UUID(0x2819c223_7f76_453aL + i, 0x919d_4138_8c1e_a5f0L ^ i).toString();
    }

    private static Map<String, String> user(int i) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", id(i));
        values.put("externalId", "E" + (1_000_000 + i));
        values.put("userName", "user" + i + "@contoso.example");
        values.put("name.givenName", "Given" + i);
        values.put("name.familyName", "Family" + i);
        values.put("emails.0.value", "user" + i + "@contoso.example");
        values.put("active", "true");
        values.put(ApiPresets.SCIM_ENTERPRISE + ".department", "Department " + (i % 50));
        values.put(MANAGER, i == 0 ? "" : id((i - 1) / 10));
        return values;
    }

    /** Spools users {@code from} to {@code to} and translates them, as ApiSpooler does; the seconds it took. */
    private double read(ReferenceIndexStore store, int from, int to, boolean complete) throws IOException {
        long start = System.nanoTime();
        Path raw = dir.resolve("read.jsonl");
        ReadReferences references = new ReadReferences("bench", RULES, store);
        try (OutputStream file = Files.newOutputStream(raw);
             JsonLinesRecordSource.Writer out = new JsonLinesRecordSource.Writer(file)) {
            for (int i = from; i < to; i++) {
                Map<String, String> user = user(i);
                references.see(user);
                out.record(i - from + 1L, "page " + ((i - from) / 100 + 1), user);
            }
        }
        ReferenceTranslation.Result result = references.translate(raw, dir.resolve("spool.jsonl"),
                ExtractOptions.defaults(), complete);
        assertThat(result.unresolved()).isZero();
        return (System.nanoTime() - start) / 1e9;
    }

    @Test
    void theIndexOfAHundredThousandUsers() throws IOException {
        BlobStateStore state = new BlobStateStore(new BlobServiceClientBuilder()
                .connectionString(TestAzurite.connectionString()).buildClient()
                .getBlobContainerClient("refbench-" + UUID.randomUUID().toString().substring(0, 8)));
        ReferenceIndexStore store = new ReferenceIndexStore(state);
        long before = usedAfterGc();

        double full = read(store, 0, USERS, true);
        int bytes = state.read(ReferenceIndexStore.pathOf("bench")).orElseThrow().content().length;
        long loadStart = System.nanoTime();
        ReferenceIndex loaded = store.load("bench", RULES);
        double load = (System.nanoTime() - loadStart) / 1e9;
        long retained = usedAfterGc() - before;
        assertThat(loaded.size()).isEqualTo(USERS);
        loaded = null;
        // 1,000 changed reports whose managers are not in the read: translated from the stored index
        double incremental = read(store, USERS - 1_000, USERS, false);

        WaitingRecords waiting = new WaitingRecords();
        for (int i = 0; i < WaitingRecords.LIMIT; i++) {
            waiting.hold("E" + i, "page " + (i / 100 + 1) + ", record " + (i % 100 + 1), user(i));
        }
        store.waiting().save("bench", waiting);
        long waitingBytes = state.read(WaitingRecordsStore.pathOf("bench")).orElseThrow().content().length;
        long waitingLoadStart = System.nanoTime();
        assertThat(store.waiting().load("bench").size()).isEqualTo(WaitingRecords.LIMIT);
        System.out.printf("%,d waiting records (the 9 fields above each): blob %,d bytes, load %.2f s%n",
                WaitingRecords.LIMIT, waitingBytes, (System.nanoTime() - waitingLoadStart) / 1e9);

        System.out.printf("reference index of %,d users: full read spooled, translated and saved %.2f s; blob %,d bytes"
                + " (%.1f bytes per user); load %.2f s; the loaded index holds %.1f MiB after GC; incremental read of"
                + " 1,000 (load, translate, save) %.2f s; heap peak (sum of pool peaks) %.0f MiB of %.0f MiB%n",
                USERS, full, bytes, bytes / (double) USERS, load, retained / 1048576.0, incremental,
                peak() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    private static long usedAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long peak() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        return pools.stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}
