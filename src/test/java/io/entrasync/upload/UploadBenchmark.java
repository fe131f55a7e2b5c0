package io.entrasync.upload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.emulator.CallArrivals;
import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.JobRef;
import io.entrasync.emulator.NetworkConditions;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.graph.GraphClient;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.retry.Sleeper;
import io.entrasync.plan.UploadPlan;
import io.entrasync.scim.ScimSchemas;
import io.entrasync.scim.ScimUser;
import io.entrasync.state.BlobStateStore;
import io.entrasync.state.StateStore;
import io.entrasync.support.TestAzurite;

/**
 * Users (a shuffled 5-level hierarchy, so ordering and the manager barrier matter) uploaded to the emulator at a
 * network latency (default 300–600 ms per answer) with the production engine: default pacing (40 calls / 5 s) kept
 * in the tenant's call window in Azurite, the daily quota in Azurite, the default {@code upload.max-in-flight}. With
 * {@code -Dbenchmark.processes=3}, three engines (each with its own Graph client, call window, quota and thread
 * pool: they share nothing but the state store, as three processes would) upload three sources to three jobs of one
 * tenant at the same time; the emulator keeps one window for the tenant (429 beyond it). Prints calls, 429s, the
 * busiest 5 s over the tenant, the elapsed time against the pacing minimum
 * {@code (ceil(calls / 40) - 1) * 5 s + the longest latency} (the definition: 20.6 s for 10,000 records at
 * 300–600 ms), and the machine's load average; then checks the goals
 * as ratios measured in the run: one process efficiency (minimum / elapsed) at least 0.9, three processes at least
 * 0.85, and for both no 429 and never more than 40 calls in any 5 s over the tenant.
 *
 * <pre>./mvnw -B -q test -Dtest=UploadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.runs=1 \
 *     [-Dbenchmark.records=10000] [-Dbenchmark.latency=300ms..600ms] [-Dbenchmark.processes=1,3] \
 *     [-Dbenchmark.countsAtAnswer=false] [-Dbenchmark.hold=send|answer] [-Dbenchmark.maxInFlight=40] \
 *     [-Dbenchmark.emulatorInProcess=false]</pre>
 * The emulator runs in a JVM of its own by default, as the service is in another process; in this JVM its GC pauses
 * would land between a send and its count.
 * (excluded from the normal test run by its name).
 */
class UploadBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The goals: efficiency of one process, of several on one tenant. */
    private static final double GOAL_ONE_PROCESS = 0.9;
    private static final double GOAL_SEVERAL_PROCESSES = 0.85;

    @Test
    void upload10000Users() throws Exception {
        int runs = Integer.getInteger("benchmark.runs", 1);
        int records = Integer.getInteger("benchmark.records", 10_000);
        Duration[] latency = NetworkConditions.parseLatency(System.getProperty("benchmark.latency", "300ms..600ms"));
        List<String> missed = new ArrayList<>();
        for (String processes : System.getProperty("benchmark.processes", "1,3").split(",", -1)) {
            for (int run = 1; run <= runs; run++) {
                missed.addAll(runOnce(run, records, Integer.parseInt(processes.trim()), latency));
            }
        }
        Assertions.assertThat(missed).as("goals missed").isEmpty();
    }

    private static List<String> runOnce(int run, int records, int processes, Duration[] latency) throws Exception {
        boolean countsAtAnswer = Boolean.getBoolean("benchmark.countsAtAnswer");
        int maxInFlight = Integer.getInteger("benchmark.maxInFlight", UploadEngine.DEFAULT_MAX_IN_FLIGHT);
        var service = new BlobServiceClientBuilder().connectionString(TestAzurite.connectionString()).buildClient();
        StateStore state = new BlobStateStore(service.getBlobContainerClient("bench-" + UUID.randomUUID()));
        List<JobRef> jobs = jobs(processes);
        try (EmulatorHandle emu = Boolean.parseBoolean(System.getProperty("benchmark.emulatorInProcess", "false"))
                ? new InProcessEmulator(emulatorSettings(processes, latency, countsAtAnswer))
                : new ChildProcessEmulator(processes, latency, countsAtAnswer)) {
            PacingSettings pacing = PacingSettings.DEFAULT.withHold(PacingSettings.Hold.valueOf(
                    System.getProperty("benchmark.hold", "send").toUpperCase(Locale.ROOT)));
            List<UploadPlan> plans = new ArrayList<>();
            List<UploadEngine> engines = new ArrayList<>();
            List<TenantCallWindow> windows = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                plans.add(UploadPlan.of(users(records / processes, "P" + p), MAPPER));
                GraphClient graph = new GraphClient(GraphClient.newHttpClient(Duration.ofSeconds(10)),
                        EngineFixture.fixedToken("bench"), RetryPolicy.DEFAULT, Duration.ofSeconds(60), MAPPER);
                TenantCallWindow window = new TenantCallWindow(state, TenantCallWindow.pathFor("tenant-bench"),
                        pacing, new TenantCallWindow.Sharing(TenantCallWindow.DEFAULT_CLOCK_MARGIN,
                                UploadEngines.CLAIM_BLOCK, Duration.ofSeconds(70)), MAPPER, Clock.systemUTC(),
                        Sleeper.REAL);
                windows.add(window);
                engines.add(new UploadEngine(graph, new BulkUploadTarget(emu.baseUrl(), "beta",
                        jobs.get(p).servicePrincipalId(), jobs.get(p).jobId()), window,
                        new BlobDailyQuota(state, BlobDailyQuota.pathFor("tenant-bench"), 6000, MAPPER), MAPPER,
                        Clock.systemUTC(), maxInFlight));
            }
            ExecutorService pool = Executors.newFixedThreadPool(processes);
            long started = System.nanoTime();
            List<Future<UploadResult>> futures = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                int index = p;
                futures.add(pool.submit(() -> engines.get(index).upload(plans.get(index), Set.of(),
                        UploadListener.NONE)));
            }
            List<UploadResult> results = new ArrayList<>();
            for (Future<UploadResult> future : futures) {
                results.add(future.get());
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            pool.shutdown();

            long calls = results.stream().mapToLong(r -> r.stats().calls()).sum();
            long throttled = results.stream().mapToLong(r -> r.stats().throttled()).sum();
            double minimum = (Math.ceil((double) calls / pacing.calls()) - 1) * pacing.window().toMillis() / 1000.0
                    + latency[1].toMillis() / 1000.0;
            List<Long> arrivals = emu.arrivalsMillis();
            int busiest = new CallArrivals.Snapshot(arrivals.stream().map(Instant::ofEpochMilli).toList(), 0)
                    .maxInAnyWindow(pacing.window());
            String slack = slackPerWindow(arrivals, pacing);
            double efficiency = minimum / elapsed;
            long throttledByService = emu.throttled();
            System.out.printf("run %d: %d process(es), %d records, latency %s, service counts at %s, hold %s,"
                    + " max in flight %d;"
                    + " calls %d; 429 seen by clients %d, by emulator %d; busiest %d s over the tenant: %d calls;"
                    + " elapsed %.2f s; pacing minimum %.2f s; efficiency %.3f; call k to k + %d beyond the window: %s;"
                    + " emulator %s; gc %s; load average %s%n", run, processes,
                    records, emu.latencyText(), countsAtAnswer ? "answer" : "arrival", pacing.hold(),
                    maxInFlight,
                    calls, throttled, throttledByService, pacing.window().toSeconds(), busiest, elapsed, minimum,
                    efficiency, pacing.calls(), slack, emu.where(), collectors(), loadAverage());
            printProcesses(results, windows);
            return goalsMissed(run, processes, efficiency, throttled + throttledByService, busiest, pacing,
                    results);
        }
    }

    private static List<String> goalsMissed(int run, int processes, double efficiency, long throttles, int busiest,
            PacingSettings pacing, List<UploadResult> results) {
        double goal = processes == 1 ? GOAL_ONE_PROCESS : GOAL_SEVERAL_PROCESSES;
        List<String> missed = new ArrayList<>();
        String label = "run " + run + " (" + processes + " process(es)): ";
        if (efficiency < goal) {
            missed.add(label + String.format("efficiency %.3f < %.2f", efficiency, goal));
        }
        if (throttles > 0) {
            missed.add(label + throttles + " x 429");
        }
        if (busiest > pacing.calls()) {
            missed.add(label + busiest + " calls in one " + pacing.window().toSeconds() + " s window");
        }
        results.forEach(r -> {
            if (r.stop() != UploadResult.Stop.COMPLETED) {
                missed.add(label + "stopped: " + r.stopDetail());
            }
        });
        return missed;
    }

    /**
     * How much later than one window after call k the service saw call k + 40: what the pacing loses per window
     * (send margin, claim round trips, the way from the dispatcher to the wire).
     */
    private static String slackPerWindow(List<Long> arrivals, PacingSettings pacing) {
        List<Long> gaps = new ArrayList<>();
        for (int k = 0; k + pacing.calls() < arrivals.size(); k++) {
            gaps.add(arrivals.get(k + pacing.calls()) - arrivals.get(k) - pacing.window().toMillis());
        }
        Collections.sort(gaps);
        return gaps.isEmpty() ? "-" : String.format("min %d / median %d / p90 %d ms", gaps.get(0),
                gaps.get(gaps.size() / 2), gaps.get(gaps.size() * 9 / 10));
    }

    private static void printProcesses(List<UploadResult> results, List<TenantCallWindow> windows) {
        for (int p = 0; p < results.size(); p++) {
            UploadResult r = results.get(p);
            System.out.printf("   process %d: %s, %d calls (%d accepted, %d full), retries %d, max in flight %d,"
                    + " upload %.2f s, window blob round trips %d, least send margin %d ms%n", p, r.stop(),
                    r.stats().calls(), r.stats().acceptedCalls(), r.stats().fullCalls(), r.stats().retries(),
                    r.stats().maxInFlight(), r.elapsed().toMillis() / 1000.0, windows.get(p).blobRoundTrips(),
                    windows.get(p).leastSendMargin().toMillis());
        }
    }

    /** One job per process, the same in this JVM and in the emulator's. */
    private static List<JobRef> jobs(int processes) {
        List<JobRef> jobs = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            jobs.add(new JobRef("sp-" + p, "API2AAD.bench" + p + ".job"));
        }
        return jobs;
    }

    private static EmulatorSettings emulatorSettings(int processes, Duration[] latency, boolean countsAtAnswer) {
        EmulatorSettings settings = EmulatorSettings.fast().withJobs(jobs(processes));
        return settings.withNetwork(settings.network().withLatency(latency[0], latency[1])
                .withCountingAtAnswer(countsAtAnswer));
    }

    /** The emulator the engines upload to, and what it counted. */
    private interface EmulatorHandle extends AutoCloseable {
        String baseUrl();

        List<Long> arrivalsMillis() throws IOException, InterruptedException;

        long throttled() throws IOException, InterruptedException;

        String latencyText();

        String where();

        @Override
        void close() throws Exception;
    }

    /** In this JVM ({@code -Dbenchmark.emulatorInProcess=true}): its GC pauses land between a send and its count. */
    private static final class InProcessEmulator implements EmulatorHandle {
        private final ProvisioningEmulator emu;

        InProcessEmulator(EmulatorSettings settings) {
            emu = ProvisioningEmulator.start(settings);
        }

        @Override
        public String baseUrl() {
            return emu.baseUrl();
        }

        @Override
        public List<Long> arrivalsMillis() {
            return emu.bulkUploadArrivals().arrivals().stream().map(Instant::toEpochMilli).toList();
        }

        @Override
        public long throttled() {
            return emu.stats().calls().throttled();
        }

        @Override
        public String latencyText() {
            return emu.settings().network().latencyText();
        }

        @Override
        public String where() {
            return "in this JVM";
        }

        @Override
        public void close() {
            emu.close();
        }
    }

    /**
     * In a JVM of its own (the default), as the real service is in another process: started with this class's
     * {@link #main}, asked over its admin API ({@code /_emulator/arrivals}, {@code /_emulator/stats}) afterwards.
     */
    private static final class ChildProcessEmulator implements EmulatorHandle {
        private final Process process;
        private final String baseUrl;
        private final String latencyText;
        private final HttpClient http = HttpClient.newHttpClient();

        ChildProcessEmulator(int processes, Duration[] latency, boolean countsAtAnswer) throws IOException {
            latencyText = latency[0].toMillis() + "ms.." + latency[1].toMillis() + "ms";
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"), UploadBenchmark.class.getName(),
                    Integer.toString(processes), latencyText, Boolean.toString(countsAtAnswer))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith(READY)) {
                line = out.readLine();
            }
            if (line == null) {
                process.destroyForcibly();
                throw new IllegalStateException("the emulator's JVM ended before it listened");
            }
            baseUrl = line.substring(READY.length()).trim();
        }

        @Override
        public String baseUrl() {
            return baseUrl;
        }

        @Override
        public List<Long> arrivalsMillis() throws IOException, InterruptedException {
            List<Long> arrivals = new ArrayList<>();
            MAPPER.readTree(get("/_emulator/arrivals")).path("arrivals").forEach(at -> arrivals.add(at.asLong()));
            return arrivals;
        }

        @Override
        public long throttled() throws IOException, InterruptedException {
            return MAPPER.readTree(get("/_emulator/stats")).path("calls").path("throttled").asLong();
        }

        private String get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        @Override
        public String latencyText() {
            return latencyText;
        }

        @Override
        public String where() {
            return "in its own JVM";
        }

        @Override
        public void close() throws InterruptedException, IOException {
            process.getOutputStream().close(); // the child ends when its stdin does
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static final String READY = "EMULATOR LISTENING ";

    /** The child JVM of {@link ChildProcessEmulator}: {@code <jobs> <latency> <countsAtAnswer>}; ends with stdin. */
    public static void main(String[] args) throws IOException {
        try (ProvisioningEmulator emu = ProvisioningEmulator.start(emulatorSettings(Integer.parseInt(args[0]),
                NetworkConditions.parseLatency(args[1]), Boolean.parseBoolean(args[2])))) {
            System.out.println(READY + emu.baseUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
        }
    }

    /** The JVM's collectors: with the emulator in this JVM, its pauses land between a send and its count. */
    private static String collectors() {
        return String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList());
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ", -1);
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A 5-level hierarchy in random order: each user's manager is one of the users with a smaller number. */
    private static Iterator<ScimUser> users(int count, String prefix) {
        Random random = new Random(7);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        List<ScimUser> users = new ArrayList<>(count);
        long line = 2;
        for (int i : order) {
            ObjectNode data = MAPPER.createObjectNode();
            data.putArray("schemas").add(ScimSchemas.CORE_USER).add(ScimSchemas.ENTERPRISE_USER);
            String id = prefix + String.format("%06d", 100000 + i);
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
                enterprise.putObject("manager").put("value", prefix + String.format("%06d", 100000 + manager));
            }
            users.add(new ScimUser(id, line++, data));
        }
        return users.iterator();
    }
}
