package io.entrasync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.auth.AccessTokenProvider;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.graph.GraphClient;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.retry.Sleeper;
import io.entrasync.plan.RecordRef;
import io.entrasync.plan.UploadPlan;
import io.entrasync.scim.ScimUser;
import io.entrasync.state.BlobStateStore;
import io.entrasync.state.StateStore;
import io.entrasync.support.TestAzurite;

/** Builds upload engines pointed at an emulator, with quota state in a fresh Azurite container. */
final class EngineFixture {

    static final ObjectMapper MAPPER = new ObjectMapper();

    final ProvisioningEmulator emu;
    final StateStore state;
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    AccessTokenProvider tokens = fixedToken("test-token");
    PacingSettings pacing = PacingSettings.DEFAULT;
    RetryPolicy retries = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofSeconds(30));
    int dailyCalls = 2000;
    int maxInFlight = UploadEngine.DEFAULT_MAX_IN_FLIGHT;
    Clock clock = Clock.systemUTC();
    /** Runs before each recorded sleep: lets a test change the emulator between a failure and the retry. */
    Runnable onSleep = () -> {
    };

    EngineFixture(ProvisioningEmulator emu) {
        this.emu = emu;
        var service = new BlobServiceClientBuilder().connectionString(TestAzurite.connectionString()).buildClient();
        this.state = new BlobStateStore(service.getBlobContainerClient("upload-" + UUID.randomUUID()));
    }

    static AccessTokenProvider fixedToken(String token) {
        return new AccessTokenProvider() {
            @Override
            public String accessToken() {
                return token;
            }

            @Override
            public void invalidate() {
            }
        };
    }

    BlobDailyQuota quota() {
        return new BlobDailyQuota(state, BlobDailyQuota.pathFor("tenant-test"), dailyCalls, MAPPER, clock);
    }

    UploadEngine engine() {
        Sleeper recording = duration -> {
            sleeps.add(duration);
            onSleep.run();
            Thread.sleep(duration.toMillis());
        };
        GraphClient graph = new GraphClient(GraphClient.newHttpClient(Duration.ofSeconds(5)), tokens, retries,
                Duration.ofSeconds(30), MAPPER, recording, Clock.systemUTC());
        BulkUploadTarget target = new BulkUploadTarget(emu.baseUrl(), "beta", emu.defaultJob().servicePrincipalId(),
                emu.defaultJob().jobId());
        return new UploadEngine(graph, target, callWindow(), quota(), MAPPER, Clock.systemUTC(), maxInFlight);
    }

    /** The tenant's call window in this fixture's Azurite container, as every engine of the tenant sees it. */
    TenantCallWindow callWindow() {
        return new TenantCallWindow(state, TenantCallWindow.pathFor("tenant-test"), pacing,
                new TenantCallWindow.Sharing(TenantCallWindow.DEFAULT_CLOCK_MARGIN, 10, Duration.ofSeconds(35)), MAPPER,
                Clock.systemUTC(), Sleeper.REAL);
    }

    static UploadPlan plan(List<ScimUser> users) {
        return UploadPlan.of(users.iterator(), MAPPER);
    }

    /** No record dropped: every planned record is accepted, failed or unsent, exactly once. */
    static void assertEveryRecordAccountedFor(UploadPlan plan, UploadResult result) {
        assertEveryRecordAccountedFor(plan, Set.of(), result);
    }

    /** The same for a resumed upload: every record of the batches not {@code alreadyDone}, exactly once. */
    static void assertEveryRecordAccountedFor(UploadPlan plan, Set<Integer> alreadyDone, UploadResult result) {
        List<RecordRef> seen = new ArrayList<>();
        result.accepted().forEach(call -> seen.addAll(call.records()));
        result.failures().stream().filter(f -> f.batchIndex() >= 0).forEach(f -> seen.add(f.record()));
        seen.addAll(result.unsent());
        List<RecordRef> planned = new ArrayList<>();
        for (int batch = 0; batch < plan.batchCount(); batch++) {
            if (!alreadyDone.contains(batch)) {
                planned.addAll(plan.batch(batch).records());
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(planned);
    }
}
