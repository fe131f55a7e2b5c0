package io.entrasync.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobServiceClientBuilder;

import io.entrasync.support.TestAzurite;

/** Real round trips against Azurite: plain writes, ETag-guarded writes and leases. */
class BlobStateStoreTest {

    private BlobStateStore store;

    @BeforeEach
    void newContainer() {
        var service = new BlobServiceClientBuilder().connectionString(TestAzurite.connectionString()).buildClient();
        store = new BlobStateStore(service.getBlobContainerClient("state-" + UUID.randomUUID()));
    }

    @Test
    void readsBackWhatWasWrittenWithItsEtag() {
        String etag = store.put("hr/snapshot.json", bytes("{\"a\":1}"));

        StoredBlob blob = store.read("hr/snapshot.json").orElseThrow();

        assertThat(new String(blob.content(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(blob.etag()).isEqualTo(etag);
        assertThat(store.read("hr/missing.json")).isEmpty();
    }

    @Test
    void replaceWithAStaleEtagIsRefused() {
        String first = store.create("hr/quota.json", bytes("1"));
        String second = store.replace("hr/quota.json", bytes("2"), first);

        assertThatThrownBy(() -> store.replace("hr/quota.json", bytes("3"), first))
                .isInstanceOf(ConcurrentUpdateException.class)
                .hasMessageContaining("hr/quota.json");
        assertThat(store.read("hr/quota.json").orElseThrow().etag()).isEqualTo(second);
        assertThat(new String(store.read("hr/quota.json").orElseThrow().content(),
                StandardCharsets.UTF_8)).isEqualTo("2");
    }

    @Test
    void createRefusesAnExistingBlob() {
        store.create("hr/run.json", bytes("x"));

        assertThatThrownBy(() -> store.create("hr/run.json", bytes("y"))).isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void aHeldLeaseExcludesASecondHolderUntilReleased() {
        try (StateStore.Lease lease = store.acquireLease("hr/lease", Duration.ofSeconds(15))) {
            assertThat(lease.leaseId()).isNotBlank();
            assertThatThrownBy(() -> store.acquireLease("hr/lease", Duration.ofSeconds(15)))
                    .isInstanceOf(LeaseUnavailableException.class);
        }
        try (StateStore.Lease again = store.acquireLease("hr/lease", Duration.ofSeconds(15))) {
            assertThat(again.leaseId()).isNotBlank();
        }
    }

    @Test
    void listsByPrefixInOrder() {
        store.put("hr/runs/2", bytes("b"));
        store.put("hr/runs/1", bytes("a"));
        store.put("other/runs/1", bytes("c"));

        assertThat(store.list("hr/runs/")).containsExactly("hr/runs/1", "hr/runs/2");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
