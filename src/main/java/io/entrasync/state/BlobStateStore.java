package io.entrasync.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.azure.core.util.Context;

/** {@link StateStore} over one blob container (Azure or Azurite). */
public class BlobStateStore implements StateStore {

    private static final Logger LOG = Logger.getLogger(BlobStateStore.class);
    private static final ScheduledExecutorService RENEWER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "state-lease-renewer");
        thread.setDaemon(true);
        return thread;
    });

    /** The longest a lease goes unconfirmed when work asks whether it still holds it before a step. */
    static final Duration CONFIRM_EVERY = Duration.ofMillis(250);

    private final BlobContainerClient container;

    public BlobStateStore(BlobContainerClient container) {
        this.container = container;
        if (!container.exists()) {
            try {
                container.create();
            } catch (BlobStorageException e) {
                if (!BlobErrorCode.CONTAINER_ALREADY_EXISTS.equals(e.getErrorCode())) {
                    throw e;
                }
            }
        }
    }

    public BlobContainerClient container() {
        return container;
    }

    @Override
    public Optional<StoredBlob> read(String path) {
        try {
            var response = container.getBlobClient(path).downloadContentWithResponse(null, null, null, Context.NONE);
            return Optional.of(new StoredBlob(response.getValue().toBytes(),
                    response.getDeserializedHeaders().getETag()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String create(String path, byte[] content) {
        return upload(path, content, new BlobRequestConditions().setIfNoneMatch("*"));
    }

    @Override
    public String replace(String path, byte[] content, String etag) {
        return upload(path, content, new BlobRequestConditions().setIfMatch(etag));
    }

    @Override
    public String put(String path, byte[] content) {
        return upload(path, content, null);
    }

    private String upload(String path, byte[] content, BlobRequestConditions conditions) {
        BlobClient blob = container.getBlobClient(path);
        try {
            var options = new BlobParallelUploadOptions(BinaryData.fromBytes(content)).setRequestConditions(conditions);
            return blob.uploadWithResponse(options, null, Context.NONE).getValue().getETag();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412 || e.getStatusCode() == 409) {
                throw new ConcurrentUpdateException(path, e);
            }
            throw e;
        }
    }

    @Override
    public void delete(String path) {
        container.getBlobClient(path).deleteIfExists();
    }

    @Override
    public List<String> list(String prefix) {
        return container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).stream()
                .map(BlobItem::getName)
                .sorted()
                .toList();
    }

    @Override
    public Lease acquireLease(String path, Duration duration) {
        BlobClient blob = container.getBlobClient(path);
        if (!blob.exists()) {
            try {
                create(path, new byte[0]);
            } catch (ConcurrentUpdateException alreadyCreated) {
                // another instance created it first: fine, we only need it to exist
            }
        }
        BlobLeaseClient leaseClient = new BlobLeaseClientBuilder().blobClient(blob).buildClient();
        String leaseId;
        try {
            leaseId = leaseClient.acquireLease((int) duration.toSeconds());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 409) {
                throw new LeaseUnavailableException(path, e);
            }
            throw e;
        }
        return new RenewedLease(path, leaseClient, leaseId, duration);
    }

    /**
     * A lease kept alive by a renewal every third of its duration, and confirmed again (a renewal, at most one per
     * {@link #CONFIRM_EVERY}) whenever someone asks {@link #lostReason()} before a step, so that a lease broken or
     * taken by another client stops the work before its next call, not at the next scheduled renewal. Two failed
     * renewals in a row (one immediate second try: a blip is not a lost lease) mark it lost for good.
     */
    private static final class RenewedLease implements Lease {
        private final String path;
        private final BlobLeaseClient client;
        private final String leaseId;
        private final ScheduledFuture<?> renewal;
        private final AtomicReference<String> lost = new AtomicReference<>();
        private long confirmedAt = System.nanoTime();

        RenewedLease(String path, BlobLeaseClient client, String leaseId, Duration duration) {
            this.path = path;
            this.client = client;
            this.leaseId = leaseId;
            long renewEvery = Math.max(1, duration.toSeconds() / 3);
            this.renewal = RENEWER.scheduleAtFixedRate(this::renew, renewEvery, renewEvery, TimeUnit.SECONDS);
        }

        private synchronized void renew() {
            if (lost.get() != null) {
                return;
            }
            try {
                client.renewLease();
            } catch (RuntimeException first) {
                try {
                    client.renewLease();
                } catch (RuntimeException again) {
                    lost.set("the lease on " + path + " could not be renewed (" + describe(again)
                            + "); another instance may hold it now");
                    LOG.errorf("Lost the lease on %s: %s", path, describe(again));
                    return;
                }
            }
            confirmedAt = System.nanoTime();
        }

        @Override
        public String leaseId() {
            return leaseId;
        }

        @Override
        public Optional<String> lostReason() {
            synchronized (this) {
                if (lost.get() == null && System.nanoTime() - confirmedAt > CONFIRM_EVERY.toNanos()) {
                    renew();
                }
            }
            return Optional.ofNullable(lost.get());
        }

        @Override
        public void close() {
            renewal.cancel(false);
            if (lost.get() != null) {
                return; // not ours any more: releasing it would fail, or free another holder's lease
            }
            try {
                client.releaseLease();
            } catch (BlobStorageException e) {
                LOG.warnf("Could not release the lease on %s (it expires by itself): %s", path, e.getMessage());
            }
        }
    }

    /**
     * The service's error code (LeaseIsBrokenAndCannotBeRenewed, LeaseIdMismatchWithLeaseOperation, ...), not its XML.
     */
    private static String describe(RuntimeException e) {
        if (e instanceof BlobStorageException storage && storage.getErrorCode() != null) {
            return "HTTP " + storage.getStatusCode() + " " + storage.getErrorCode();
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
