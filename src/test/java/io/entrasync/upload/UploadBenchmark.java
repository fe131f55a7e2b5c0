package io.entrasync.upload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.graph.GraphClient;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.plan.UploadPlan;
import io.entrasync.scim.ScimSchemas;
import io.entrasync.scim.ScimUser;
import io.entrasync.state.BlobStateStore;
import io.entrasync.state.StateStore;
import io.entrasync.support.TestAzurite;

/**
 * 10,000 users (a shuffled 6-level hierarchy, so ordering matters) uploaded to the emulator with the default pacing
 * (40 calls / 5 s), against the emulator's own 40 / 5 s enforcement; the daily quota in Azurite. Prints, per run,
 * calls, 429s, the share of 50-operation calls and the elapsed time against the pacing minimum
 * {@code (calls / 40 - 1) * 5 s}.
 *
 * <pre>./mvnw -B -q test -Dtest=UploadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.runs=3</pre>
 * (excluded from the normal test run by its name).
 */
class UploadBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void upload10000Users() throws Exception {
        int runs = Integer.getInteger("benchmark.runs", 3);
        int records = Integer.getInteger("benchmark.records", 10_000);
        for (int run = 1; run <= runs; run++) {
            runOnce(run, records);
        }
    }

    public static void main(String[] args) throws Exception {
        new UploadBenchmark().upload10000Users();
        System.exit(0);
    }

    private static void runOnce(int run, int records) throws Exception {
        var service = new BlobServiceClientBuilder().connectionString(TestAzurite.connectionString()).buildClient();
        StateStore state = new BlobStateStore(service.getBlobContainerClient("bench-" + UUID.randomUUID()));
        try (ProvisioningEmulator emu = ProvisioningEmulator.start(EmulatorSettings.fast())) {
            long planStart = System.nanoTime();
            UploadPlan plan = UploadPlan.of(users(records), MAPPER);
            double planSeconds = (System.nanoTime() - planStart) / 1e9;

            PacingSettings pacing = PacingSettings.DEFAULT;
            GraphClient graph = new GraphClient(GraphClient.newHttpClient(Duration.ofSeconds(10)),
                    EngineFixture.fixedToken("bench"), RetryPolicy.DEFAULT, Duration.ofSeconds(60), MAPPER);
            UploadEngine engine = new UploadEngine(graph, new BulkUploadTarget(emu.baseUrl(), "beta",
                    emu.defaultJob().servicePrincipalId(), emu.defaultJob().jobId()),
                    new SlidingWindowPacer(pacing), timed(new BlobDailyQuota(state, BlobDailyQuota.pathFor("bench"), 2000,
                            MAPPER)), MAPPER);

            UploadResult result = engine.upload(plan, 0, UploadListener.NONE);

            long calls = result.stats().calls();
            double minimum = (Math.ceil((double) calls / pacing.calls()) - 1) * pacing.window().toMillis() / 1000.0;
            double elapsed = result.elapsed().toMillis() / 1000.0;
            System.out.printf("run %d: %d records, plan %.2f s; %s; calls %d (accepted %d, 50-operation %d = %.1f%%);"
                    + " 429 seen by client %d, by emulator %d; retries %d; elapsed %.2f s; pacing minimum %.2f s;"
                    + " over minimum %+.1f%%%n", run, records, planSeconds, result.stop(), calls,
                    result.stats().acceptedCalls(), result.stats().fullCalls(),
                    100.0 * result.stats().fullCalls() / result.stats().acceptedCalls(), result.stats().throttled(),
                    emu.stats().calls().throttled(), result.stats().retries(), elapsed, minimum,
                    100.0 * (elapsed - minimum) / minimum);
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < result.accepted().size(); i++) {
                long gap = Duration.between(result.accepted().get(i - 1).acceptedAt(),
                        result.accepted().get(i).acceptedAt()).toMillis();
                if (gap < 1000) {
                    gaps.add(gap); // consecutive calls within a burst: one call's round trip
                }
            }
            java.util.Collections.sort(gaps);
            System.out.printf("   quota reservations %d, %.0f ms in total; call round trip within bursts: median %d ms,"
                    + " p90 %d ms%n", quotaCalls, quotaNanos / 1e6, gaps.get(gaps.size() / 2),
                    gaps.get(gaps.size() * 9 / 10));
        }
    }

    static long quotaNanos;
    static int quotaCalls;

    private static DailyQuota timed(DailyQuota quota) {
        quotaNanos = 0;
        quotaCalls = 0;
        return new DailyQuota() {
            @Override
            public Reservation reserve(int calls) {
                long t = System.nanoTime();
                try {
                    return quota.reserve(calls);
                } finally {
                    quotaNanos += System.nanoTime() - t;
                    quotaCalls++;
                }
            }

            @Override
            public void release(Reservation reservation, int unused) {
                quota.release(reservation, unused);
            }

            @Override
            public Usage usage() {
                return quota.usage();
            }
        };
    }

    /** A 6-level hierarchy in random order: each user's manager is one of the users with a smaller number. */
    private static Iterator<ScimUser> users(int count) {
        Random random = new Random(7);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        List<ScimUser> users = new ArrayList<>(count);
        long line = 2;
        for (int i : order) {
            ObjectNode data = MAPPER.createObjectNode();
            data.putArray("schemas").add(ScimSchemas.CORE_USER).add(ScimSchemas.ENTERPRISE_USER);
            String id = String.format("%06d", 100000 + i);
            data.put("externalId", id);
            data.put("userName", "user" + id + "@contoso.example");
            data.put("displayName", "User " + id);
            data.put("active", true);
            data.putObject("name").put("givenName", "Given" + id).put("familyName", "Family" + id);
            data.putArray("emails").addObject().put("value", "user" + id + "@contoso.example").put("type", "work")
                    .put("primary", true);
            data.put("title", "Engineer");
            ObjectNode enterprise = data.putObject(ScimSchemas.ENTERPRISE_USER);
            enterprise.put("employeeNumber", id).put("costCenter", "CC" + (i % 40)).put("department", "D" + (i % 25));
            if (i > 0) {
                int manager = i < 10 ? 0 : i / 10; // 1 + 9 + 90 + 900 + 9000: five reporting levels under the CEO
                enterprise.putObject("manager").put("value", String.format("%06d", 100000 + manager));
            }
            users.add(new ScimUser(id, line++, data));
        }
        return users.iterator();
    }
}
