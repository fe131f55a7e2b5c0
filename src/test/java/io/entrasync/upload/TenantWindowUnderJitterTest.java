package io.entrasync.upload;

import static io.entrasync.plan.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.JobRef;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.graph.GraphClient;
import io.entrasync.retry.Sleeper;
import io.entrasync.scim.ScimUser;

/**
 * Two processes on one tenant (two engines with their own window objects, sharing only the state store) against an
 * emulator that lets a third of the requests reach the service 300 ms late, fifteen times the configured send margin
 * of 20 ms: the jitter of a busy machine or network between the client's send and the service's count. At a fifth of
 * the real window (10 calls per second), the tenant window learns the margin from each call's answer, so the service
 * never counts more than 10 calls in any second and answers no 429. With the fixed margin of before, the late calls
 * let calls of the next window arrive inside theirs.
 */
class TenantWindowUnderJitterTest {

    private static final int CALLS_PER_PROCESS = 30;

    private ProvisioningEmulator emu;
    private EngineFixture fixture;

    @BeforeEach
    void start() {
        emu = ProvisioningEmulator.start(EmulatorSettings.fast().withJobs(JobRef.DEFAULT,
                new JobRef("sp-2", "API2AAD.two.job")));
        fixture = new EngineFixture(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void requestsArrivingLaterThanTheConfiguredMarginNeverPutMoreThanTheLimitIntoOneWindow() throws Exception {
        emu.updateSettings(s -> s.withCallsPerWindow(10, Duration.ofSeconds(1))
                .withNetwork(s.network().withLatency(Duration.ofMillis(50), Duration.ofMillis(150))
                        .withLateArrivals(1.0 / 3, Duration.ofMillis(300))));
        fixture.pacing = new PacingSettings(10, Duration.ofSeconds(1), PacingSettings.Hold.SEND,
                Duration.ofMillis(20));
        List<JobRef> jobs = emu.jobs();
        ExecutorService processes = Executors.newFixedThreadPool(jobs.size());
        try {
            List<Future<UploadResult>> results = new ArrayList<>();
            for (JobRef job : jobs) {
                GraphClient graph = new GraphClient(GraphClient.newHttpClient(Duration.ofSeconds(5)), fixture.tokens,
                        fixture.retries, Duration.ofSeconds(30), EngineFixture.MAPPER, Sleeper.REAL,
                        Clock.systemUTC());
                UploadEngine engine = new UploadEngine(graph, new BulkUploadTarget(emu.baseUrl(), "beta",
                        job.servicePrincipalId(), job.jobId()), fixture.callWindow(), fixture.quota(),
                        EngineFixture.MAPPER, Clock.systemUTC(), 8);
                List<ScimUser> users = flat(job.jobId() + "-", CALLS_PER_PROCESS * 50);
                results.add(processes.submit(() -> engine.upload(EngineFixture.plan(users), Set.of(),
                        UploadListener.NONE)));
            }
            for (Future<UploadResult> result : results) {
                UploadResult done = result.get(2, TimeUnit.MINUTES);
                assertThat(done.stop()).isEqualTo(UploadResult.Stop.COMPLETED);
                assertThat(done.stats().throttled()).isZero();
            }
        } finally {
            processes.shutdownNow();
        }
        assertThat(emu.bulkUploadArrivals().arrivals()).hasSize(jobs.size() * CALLS_PER_PROCESS);
        assertThat(emu.bulkUploadArrivals().maxInAnyWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(10);
        assertThat(emu.stats().calls().throttled()).isZero();
    }

    private static List<ScimUser> flat(String prefix, int count) {
        List<ScimUser> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(user(prefix + i, i + 2));
        }
        return users;
    }
}
