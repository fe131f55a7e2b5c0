package io.entrasync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.state.BlobStateStore;
import io.entrasync.state.StateStore;
import io.entrasync.support.TestAzurite;

/** The daily quota against real blob storage (Azurite): shared counts, ETag-guarded increments, the rolling window. */
class BlobDailyQuotaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    private StateStore store;
    private final String path = BlobDailyQuota.pathFor("tenant-contoso.example");

    @BeforeEach
    void newContainer() {
        var service = new BlobServiceClientBuilder().connectionString(TestAzurite.connectionString()).buildClient();
        store = new BlobStateStore(service.getBlobContainerClient("quota-" + UUID.randomUUID()));
    }

    private BlobDailyQuota quota(int budget, Instant now) {
        return new BlobDailyQuota(store, path, budget, MAPPER, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void grantsUpToTheBudgetThenNothing() {
        BlobDailyQuota quota = quota(25, T0);

        assertThat(quota.reserve(10).granted()).isEqualTo(10);
        assertThat(quota.reserve(10).granted()).isEqualTo(10);
        assertThat(quota.reserve(10).granted()).isEqualTo(5);
        assertThat(quota.reserve(1).granted()).isZero();
        assertThat(quota.usage().used()).isEqualTo(25);
        assertThat(quota.usage().remaining()).isZero();
    }

    @Test
    void anotherInstanceAndARestartSeeTheSameCount() {
        quota(100, T0).reserve(30);

        BlobDailyQuota restarted = quota(100, T0.plusSeconds(90));

        assertThat(restarted.usage().used()).isEqualTo(30);
        assertThat(restarted.reserve(100).granted()).isEqualTo(70);
    }

    @Test
    void callsStopCountingTwentyFourHoursLater() {
        quota(10, T0).reserve(10);

        assertThat(quota(10, T0.plus(Duration.ofHours(23))).reserve(1).granted()).isZero();
        BlobDailyQuota nextDay = quota(10, T0.plus(Duration.ofHours(24)).plusSeconds(61));
        assertThat(nextDay.usage().used()).isZero();
        assertThat(nextDay.reserve(10).granted()).isEqualTo(10);
    }

    @Test
    void saysWhenTheOldestCallStopsCounting() {
        quota(10, T0).reserve(10);

        assertThat(quota(10, T0.plusSeconds(600)).usage().nextFreeAt())
                .contains(T0.plus(Duration.ofHours(24)).plusSeconds(60));
    }

    @Test
    void unusedCallsCanBeGivenBack() {
        BlobDailyQuota quota = quota(10, T0);
        DailyQuota.Reservation reservation = quota.reserve(10);

        quota.release(reservation, 4);

        assertThat(quota.usage().used()).isEqualTo(6);
        assertThat(quota.reserve(10).granted()).isEqualTo(4);
    }

    @Test
    void concurrentInstancesNeverGrantMoreThanTheBudget() throws Exception {
        int budget = 40;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> grants = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                BlobDailyQuota instance = quota(budget, T0);
                grants.add(pool.submit(() -> {
                    int total = 0;
                    for (int i = 0; i < 8; i++) {
                        total += instance.reserve(3).granted();
                    }
                    return total;
                }));
            }
            int granted = 0;
            for (Future<Integer> grant : grants) {
                granted += grant.get(60, TimeUnit.SECONDS);
            }
            assertThat(granted).isEqualTo(budget);
            assertThat(quota(budget, T0).usage().used()).isEqualTo(budget);
        } finally {
            pool.shutdownNow();
        }
    }
}
