package io.entrasync.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.plan.Batch;
import io.entrasync.plan.UploadPlan;
import io.entrasync.scim.ScimUser;
import io.entrasync.state.LeaseUnavailableException;
import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;

/**
 * The checkpoints of the {@code upload} command, in the state store it already needs for the daily quota and the call
 * window: {@code uploads/<plan fingerprint>.json} holds the batches the service accepted or refused, saved after
 * every call, so an upload killed at any point is resumed by running the same command again: it sends exactly the
 * other batches. The fingerprint is a SHA-256 over the source, the job and every batch's users in plan order, so a
 * checkpoint only ever resumes the very same plan (another extract, mapping or job is a new upload). A completed
 * upload deletes its checkpoint; running it again sends everything again, as the command always did.
 *
 * <p>An upload holds the lease {@code uploads/<fingerprint>.lease} while it runs, so two uploads of one plan never
 * send side by side.
 */
public final class UploadCheckpoints {

    static final String FOLDER = "uploads/";
    /** Azure's shortest lease: a killed upload's lease is free again after 15 s. */
    static final Duration LEASE = Duration.ofSeconds(15);

    private final StateStore state;
    private final ObjectMapper mapper;

    public UploadCheckpoints(StateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = mapper;
    }

    /**
     * What a checkpoint stores.
     *
     * @param source the source whose settings the upload used
     * @param jobId the provisioning job
     * @param batchCount batches in the plan
     * @param accepted batches the service accepted (202)
     * @param refused batches the service refused for their content (400): not sent again
     * @param updatedAt the last save
     */
    public record Saved(String source, String jobId, int batchCount, SortedSet<Integer> accepted,
            SortedSet<Integer> refused, Instant updatedAt) {

        public Saved {
            accepted = new TreeSet<>(accepted);
            refused = new TreeSet<>(refused);
        }
    }

    /**
     * Opens the checkpoint of {@code plan}, holding its lease until {@link Checkpoint#close()}. A lease held by
     * another upload is waited for up to {@code leaseWait} (a killed upload's lease expires after {@link #LEASE}).
     *
     * @param restart ignore (and replace) a checkpoint left by an interrupted upload: send every batch again
     * @param waiting told once when the lease is held by another upload and this one waits for it
     * @throws LeaseUnavailableException when another upload of the same plan still runs after {@code leaseWait}
     */
    public Checkpoint open(String source, String jobId, UploadPlan plan, boolean restart, Duration leaseWait,
            Runnable waiting) {
        String fingerprint = fingerprint(source, jobId, plan);
        String path = FOLDER + fingerprint + ".json";
        StateStore.Lease lease = acquire(FOLDER + fingerprint + ".lease", leaseWait, waiting);
        try {
            Optional<StoredBlob> stored = state.read(path);
            Saved saved = stored.filter(blob -> !restart).map(this::parse)
                    .filter(s -> s.batchCount() == plan.batchCount()).orElse(null);
            return new Checkpoint(path, lease, source, jobId, plan.batchCount(), saved,
                    stored.map(StoredBlob::etag).orElse(null));
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private StateStore.Lease acquire(String path, Duration wait, Runnable waiting) {
        Instant deadline = Instant.now().plus(wait);
        boolean told = false;
        while (true) {
            try {
                return state.acquireLease(path, LEASE);
            } catch (LeaseUnavailableException busy) {
                if (Instant.now().isAfter(deadline)) {
                    throw busy;
                }
                if (!told) {
                    waiting.run();
                    told = true;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    /** The plan's identity: source, job and every batch's users (their JSON as sent) in plan order. */
    static String fingerprint(String source, String jobId, UploadPlan plan) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha256.update((source + "\n" + jobId + "\n").getBytes(StandardCharsets.UTF_8));
        for (int b = 0; b < plan.batchCount(); b++) {
            Batch batch = plan.batch(b);
            sha256.update(("batch " + b + "\n").getBytes(StandardCharsets.UTF_8));
            for (ScimUser user : batch.users()) {
                sha256.update(user.data().toString().getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) '\n');
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private Saved parse(StoredBlob blob) {
        try {
            return mapper.readValue(blob.content(), Saved.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable upload checkpoint: " + e.getMessage()
                    + "; run the upload with --restart to send every batch again", e);
        }
    }

    /** One upload's checkpoint: what an earlier attempt finished, and the listener that saves after every call. */
    public final class Checkpoint implements AutoCloseable {
        private final String path;
        private final StateStore.Lease lease;
        private final String source;
        private final String jobId;
        private final int batchCount;
        private final SortedSet<Integer> earlierAccepted;
        private final SortedSet<Integer> earlierRefused;
        private final SortedSet<Integer> accepted;
        private final SortedSet<Integer> refused;
        private String etag;

        Checkpoint(String path, StateStore.Lease lease, String source, String jobId, int batchCount, Saved saved,
                String etag) {
            this.path = path;
            this.lease = lease;
            this.source = source;
            this.jobId = jobId;
            this.batchCount = batchCount;
            this.earlierAccepted = saved == null ? new TreeSet<>() : saved.accepted();
            this.earlierRefused = saved == null ? new TreeSet<>() : saved.refused();
            this.accepted = new TreeSet<>(earlierAccepted);
            this.refused = new TreeSet<>(earlierRefused);
            this.etag = etag;
        }

        /** The state-store path of the checkpoint (for people). */
        public String path() {
            return path;
        }

        /** True when an interrupted upload of this plan left batches done: this one resumes it. */
        public boolean resumes() {
            return !earlierAccepted.isEmpty() || !earlierRefused.isEmpty();
        }

        /** The batches an earlier attempt finished: the upload sends exactly the others. */
        public SortedSet<Integer> alreadyDone() {
            SortedSet<Integer> done = new TreeSet<>(earlierAccepted);
            done.addAll(earlierRefused);
            return done;
        }

        public int earlierAccepted() {
            return earlierAccepted.size();
        }

        public int earlierRefused() {
            return earlierRefused.size();
        }

        /** Saves after every finished call and stops the upload before its next call once the lease is lost. */
        public UploadListener listener() {
            return new UploadListener() {
                @Override
                public void onAccepted(AcceptedCall call) {
                    accepted.add(call.batchIndex());
                    save();
                }

                @Override
                public void onRejected(int batchIndex, List<RecordFailure> failures) {
                    refused.add(batchIndex);
                    save();
                }

                @Override
                public Optional<String> leaseLostReason() {
                    return lease.lostReason();
                }
            };
        }

        /** After the upload: a completed one needs no checkpoint any more; an interrupted one keeps it. */
        public void finish(UploadResult result) {
            if (result.completed()) {
                state.delete(path);
            }
        }

        private void save() {
            byte[] json;
            try {
                json = mapper.writeValueAsBytes(new Saved(source, jobId, batchCount, accepted, refused,
                        Instant.now()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            etag = etag == null ? state.create(path, json) : state.replace(path, json, etag);
        }

        @Override
        public void close() {
            lease.close();
        }
    }
}
