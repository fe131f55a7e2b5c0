package io.entrasync.upload;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.graph.CallStats;
import io.entrasync.graph.GraphCallException;
import io.entrasync.graph.GraphClient;
import io.entrasync.graph.GraphResponse;
import io.entrasync.plan.Batch;
import io.entrasync.plan.DuplicateRecord;
import io.entrasync.plan.RecordRef;
import io.entrasync.plan.UploadPlan;
import io.entrasync.report.RecordOutcome;
import io.entrasync.scim.BulkRequestWriter;
import io.entrasync.scim.ScimSchemas;
import io.entrasync.scim.ScimUser;

/**
 * Sends a plan to one provisioning job's bulkUpload, batch after batch, within the pacing and the daily quota, and
 * says what happened to every record. The only code that talks to bulkUpload.
 *
 * <ul>
 * <li>a 202 records the call as accepted and calls {@link UploadListener#onAccepted} before the next call;</li>
 * <li>a 400 (or similar) marks that batch's records failed with the service's reason and goes on, unless
 * {@value #MAX_CONSECUTIVE_REJECTIONS} calls in a row were refused, which points at something systematic
 * (schema, content type) and would only burn quota;</li>
 * <li>no quota left, throttling or outages beyond the retry limit, or a configuration error (401, 403, 404) stop
 * the upload cleanly: the current and later batches are handed back as unsent, with {@code nextBatch} to resume.</li>
 * </ul>
 * Not thread-safe: one upload at a time per engine (the pacer and quota it uses may be shared).
 */
public final class UploadEngine {

    static final int MAX_CONSECUTIVE_REJECTIONS = 3;
    private static final Logger LOG = Logger.getLogger(UploadEngine.class);

    private final GraphClient graph;
    private final BulkUploadTarget target;
    private final SlidingWindowPacer pacer;
    private final DailyQuota quota;
    private final ObjectMapper mapper;
    private final BulkRequestWriter writer;
    private final Clock clock;

    public UploadEngine(GraphClient graph, BulkUploadTarget target, SlidingWindowPacer pacer, DailyQuota quota,
            ObjectMapper mapper) {
        this(graph, target, pacer, quota, mapper, Clock.systemUTC());
    }

    public UploadEngine(GraphClient graph, BulkUploadTarget target, SlidingWindowPacer pacer, DailyQuota quota,
            ObjectMapper mapper, Clock clock) {
        this.graph = graph;
        this.target = target;
        this.pacer = pacer;
        this.quota = quota;
        this.mapper = mapper;
        this.writer = new BulkRequestWriter(mapper);
        this.clock = clock;
    }

    /** Plans {@code users} (dedupe, managers first, batches of 50) and uploads them from the first batch. */
    public UploadResult upload(Iterator<ScimUser> users) {
        return upload(UploadPlan.of(users, mapper), 0, UploadListener.NONE);
    }

    /**
     * Uploads the batches of {@code plan} from {@code startBatch} (0 for a fresh upload, a previous result's
     * {@code nextBatch} to resume).
     */
    public UploadResult upload(UploadPlan plan, int startBatch, UploadListener listener) {
        long started = System.nanoTime();
        int batchCount = plan.batchCount();
        if (startBatch < 0 || startBatch > batchCount) {
            throw new IllegalArgumentException("start batch " + startBatch + " is outside 0.." + batchCount);
        }
        String runId = UUID.randomUUID().toString().substring(0, 8);
        CallStats stats = new CallStats();
        List<AcceptedCall> accepted = new ArrayList<>();
        List<RecordFailure> failures = new ArrayList<>();
        for (DuplicateRecord duplicate : plan.duplicates()) {
            failures.add(new RecordFailure(duplicate.record(), -1, RecordOutcome.REJECTED, 0, duplicate.describe()));
        }
        plan.cycles().forEach(cycle -> LOG.warnf("Manager references: %s", cycle.describe()));

        int[] next = {startBatch};
        UploadGate gate = new UploadGate(quota, pacer, () -> batchCount - next[0]);
        UploadResult.Stop stop = UploadResult.Stop.COMPLETED;
        String stopDetail = "";
        int consecutiveRejections = 0;
        long fullCalls = 0;
        try {
            for (; next[0] < batchCount; next[0]++) {
                Batch batch = plan.batch(next[0]);
                String bulkIdPrefix = runId + "-" + batch.index();
                byte[] body = writer.toBytes(batch.users(), bulkIdPrefix);
                try {
                    GraphResponse response = graph.post(target.bulkUploadUri(), body, ScimSchemas.CONTENT_TYPE, gate,
                            stats);
                    consecutiveRejections = 0;
                    if (batch.users().size() == BulkRequestWriter.MAX_OPERATIONS) {
                        fullCalls++;
                    }
                    AcceptedCall call = new AcceptedCall(batch.index(), bulkIdPrefix, batch.records(), clock.instant(),
                            response.attempts(), response.headers().firstValue("Location"));
                    accepted.add(call);
                    listener.onAccepted(call);
                } catch (GraphCallException e) {
                    if (e.kind() != GraphCallException.Kind.REJECTED) {
                        stop = e.kind() == GraphCallException.Kind.CONFIGURATION
                                ? UploadResult.Stop.CONFIGURATION_ERROR
                                : UploadResult.Stop.SERVICE_UNAVAILABLE;
                        stopDetail = e.getMessage();
                        break;
                    }
                    List<RecordFailure> refused = new ArrayList<>();
                    for (RecordRef record : batch.records()) {
                        refused.add(new RecordFailure(record, batch.index(), RecordOutcome.FAILED, e.status(),
                                "call " + (batch.index() + 1) + " refused: " + e.getMessage()));
                    }
                    failures.addAll(refused);
                    LOG.warnf("Call %d of %d refused (%d): %s", batch.index() + 1, batchCount, e.status(),
                            e.getMessage());
                    listener.onRejected(batch.index(), refused);
                    if (++consecutiveRejections >= MAX_CONSECUTIVE_REJECTIONS && next[0] + 1 < batchCount) {
                        next[0]++;
                        stop = UploadResult.Stop.TOO_MANY_REJECTIONS;
                        stopDetail = consecutiveRejections + " calls in a row were refused as bad requests; stopped"
                                + " to spare the daily quota. Last reason: " + e.getMessage();
                        break;
                    }
                } catch (QuotaExhaustedException e) {
                    stop = UploadResult.Stop.QUOTA_EXHAUSTED;
                    stopDetail = e.getMessage();
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop = UploadResult.Stop.INTERRUPTED;
            stopDetail = "the upload was interrupted (shutdown); the unsent records can be sent again later";
        } finally {
            gate.releaseUnused();
        }
        if (stop != UploadResult.Stop.COMPLETED) {
            LOG.warnf("Upload stopped before call %d of %d: %s", next[0] + 1, batchCount, stopDetail);
        }
        Optional<DailyQuota.Usage> usage;
        try {
            usage = Optional.of(quota.usage());
        } catch (RuntimeException e) {
            LOG.warnf("Could not read the quota state after the upload: %s", e.getMessage());
            usage = Optional.empty();
        }
        UploadResult.Stats summary = new UploadResult.Stats(stats.attempts(), accepted.size(), stats.retries(),
                stats.throttled(), stats.tokenRefreshes(), fullCalls);
        return new UploadResult(stop, stopDetail, batchCount, startBatch, next[0], accepted, failures,
                plan.recordsFrom(next[0]), plan.cycles(), summary, Duration.ofNanos(System.nanoTime() - started),
                usage);
    }
}
