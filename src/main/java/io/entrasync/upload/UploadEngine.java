package io.entrasync.upload;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.contract.ServiceLimits;
import io.entrasync.graph.CallGate;
import io.entrasync.graph.CallStats;
import io.entrasync.graph.GraphCallException;
import io.entrasync.graph.GraphClient;
import io.entrasync.graph.GraphResponse;
import io.entrasync.plan.Batch;
import io.entrasync.plan.RecordRef;
import io.entrasync.plan.UploadPlan;
import io.entrasync.report.RecordOutcome;
import io.entrasync.scim.BulkRequestWriter;
import io.entrasync.scim.ScimSchemas;
import io.entrasync.scim.ScimUser;

/**
 * Sends a plan to one provisioning job's bulkUpload within the tenant's call window and daily quota, with up to
 * {@code maxInFlight} calls waiting for their answers at once, and says what happened to every record. The only code
 * that talks to bulkUpload.
 *
 * <ul>
 * <li>Calls go one at a time until the service has accepted one; then they leave in plan order (one dispatcher takes
 * the window's slots in turn). A batch leaves only after the 202
 * of every earlier batch holding one of its records' managers ({@link UploadPlan#dependencies(int)}): a barrier per
 * dependency, not a global one, so managers-first holds on the service side while unrelated calls overlap.</li>
 * <li>A 202 records the call as accepted and calls {@link UploadListener#onAccepted}. A 400 (or similar) marks that
 * batch's records failed with the service's reason and goes on, unless {@value #MAX_CONSECUTIVE_REJECTIONS} calls in
 * a row were refused, which points at something systematic (schema, content type) and would only burn quota.</li>
 * <li>No quota left, throttling or outages beyond the retry limit, a configuration error (401, 403, 404), or a
 * lost lease ({@link UploadListener#leaseLostReason()}) stop the upload cleanly: no new call leaves, calls in flight
 * finish, and every batch not accepted or refused is handed back as unsent.</li>
 * </ul>
 * Results list calls and records in batch order whatever order the answers came in. One upload at a time per engine
 * (the window and quota it uses may be shared).
 */
public final class UploadEngine {

    static final int MAX_CONSECUTIVE_REJECTIONS = 3;
    /** Default calls in flight: one window's worth, so a window's calls can leave together whatever the latency. */
    public static final int DEFAULT_MAX_IN_FLIGHT = ServiceLimits.CALLS_PER_WINDOW;
    private static final Logger LOG = Logger.getLogger(UploadEngine.class);

    private final GraphClient graph;
    private final BulkUploadTarget target;
    private final CallPacer pacer;
    private final DailyQuota quota;
    private final ObjectMapper mapper;
    private final BulkRequestWriter writer;
    private final Clock clock;
    private final int maxInFlight;

    public UploadEngine(GraphClient graph, BulkUploadTarget target, CallPacer pacer, DailyQuota quota,
            ObjectMapper mapper) {
        this(graph, target, pacer, quota, mapper, Clock.systemUTC(), DEFAULT_MAX_IN_FLIGHT);
    }

    public UploadEngine(GraphClient graph, BulkUploadTarget target, CallPacer pacer, DailyQuota quota,
            ObjectMapper mapper, Clock clock, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("upload.max-in-flight must be at least 1, not " + maxInFlight);
        }
        this.graph = graph;
        this.target = target;
        this.pacer = pacer;
        this.quota = quota;
        this.mapper = mapper;
        this.writer = new BulkRequestWriter(mapper);
        this.clock = clock;
        this.maxInFlight = maxInFlight;
    }

    /** Plans {@code users} (dedupe, managers first, batches of 50) and uploads them from the first batch. */
    /** The Graph client this engine sends with (token, timeouts, retries), for the source's other Graph calls. */
    public GraphClient graph() {
        return graph;
    }

    public UploadResult upload(Iterator<ScimUser> users) {
        return upload(UploadPlan.of(users, mapper), Set.of(), UploadListener.NONE);
    }

    /** The daily quota this engine's calls count against (a deferred run asks it when there is room again). */
    public DailyQuota quota() {
        return quota;
    }

    /**
     * Uploads every batch of {@code plan} not in {@code alreadyDone} (the accepted or refused batches of an earlier
     * attempt, from its checkpoint; empty for a fresh upload): a resumed upload sends exactly the others.
     */
    public UploadResult upload(UploadPlan plan, Set<Integer> alreadyDone, UploadListener listener) {
        long started = System.nanoTime();
        int batchCount = plan.batchCount();
        for (int done : alreadyDone) {
            if (done < 0 || done >= batchCount) {
                throw new IllegalArgumentException("batch " + done + " is outside the plan's 0.." + (batchCount - 1)
                        + "; the checkpoint belongs to another plan");
            }
        }
        Run run = new Run(plan, alreadyDone, listener);
        plan.cycles().forEach(cycle -> LOG.warnf("Manager references: %s", cycle.describe()));
        try {
            run.dispatch();
        } finally {
            run.finish();
        }
        if (run.stop != UploadResult.Stop.COMPLETED) {
            LOG.warnf("Upload stopped with %d of %d batches not sent: %s", run.remaining.get(), batchCount,
                    run.stopDetail);
        }
        if (run.delivery.unexpectedFailure() != null) {
            throw run.delivery.unexpectedFailure();
        }
        Optional<DailyQuota.Usage> usage;
        try {
            usage = Optional.of(quota.usage());
        } catch (RuntimeException e) {
            LOG.warnf("Could not read the quota state after the upload: %s", e.getMessage());
            usage = Optional.empty();
        }
        return run.results.build(run.stop, run.stopDetail, run.stats, run.maxInFlightSeen,
                Duration.ofNanos(System.nanoTime() - started), usage);
    }

    /**
     * One upload's dispatch: the dispatcher thread sends, worker threads wait for answers. Its lock guards the
     * dispatch state below; delivery to the listener ({@link InOrderDelivery}) and the results
     * ({@link UploadResultBuilder}) keep their own.
     */
    private final class Run {
        private final UploadPlan plan;
        private final UploadListener listener;
        /** A random tag of this upload: the start of every bulkId it sends and of its threads' names. */
        private final String uploadTag = UUID.randomUUID().toString().substring(0, 8);
        private final CallStats stats = new CallStats();
        private final List<Integer> toSend = new ArrayList<>();
        private final AtomicInteger remaining;
        private final UploadGate gate;
        private final UploadWorkers workers;
        private final InOrderDelivery delivery;
        private final UploadResultBuilder results;
        private final Object lock = new Object();
        private final Set<Integer> settled = new HashSet<>();
        private int inFlight;
        private int maxInFlightSeen;
        private int consecutiveRejections;
        private boolean firstAccepted;
        private UploadResult.Stop stop = UploadResult.Stop.COMPLETED;
        private String stopDetail = "";

        Run(UploadPlan plan, Set<Integer> alreadyDone, UploadListener listener) {
            this.plan = plan;
            this.listener = listener;
            settled.addAll(alreadyDone);
            for (int b = 0; b < plan.batchCount(); b++) {
                if (!alreadyDone.contains(b)) {
                    toSend.add(b);
                }
            }
            remaining = new AtomicInteger(toSend.size());
            gate = new UploadGate(quota, pacer, remaining::get);
            delivery = new InOrderDelivery(toSend,
                    e -> stopWith(UploadResult.Stop.SERVICE_UNAVAILABLE, "the upload stopped: " + e.getMessage()));
            results = new UploadResultBuilder(plan, alreadyDone);
            workers = new UploadWorkers(uploadTag, maxInFlight);
        }

        void dispatch() {
            try {
                for (int index : toSend) {
                    if (!awaitTurn(index)) {
                        return;
                    }
                    Batch batch = plan.batch(index);
                    String bulkIdPrefix = uploadTag + "-" + batch.index();
                    byte[] body = writer.toBytes(batch.users(), bulkIdPrefix);
                    CallGate.Pass first;
                    try {
                        first = gate.enter();
                    } catch (QuotaExhaustedException e) {
                        stopWith(UploadResult.Stop.QUOTA_EXHAUSTED, e.getMessage());
                        releaseSlot();
                        return;
                    } catch (InterruptedException | RuntimeException e) {
                        releaseSlot();
                        throw e;
                    }
                    synchronized (lock) {
                        if (stop != UploadResult.Stop.COMPLETED) {
                            AttemptGate.giveBack(first);
                            releaseSlotLocked();
                            return;
                        }
                    }
                    workers.execute(() -> send(batch, bulkIdPrefix, body, first));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopWith(UploadResult.Stop.INTERRUPTED,
                        "the upload was interrupted (shutdown); the unsent records can be sent again later");
            }
        }

        /** Waits for the batch's managers' 202s and a free in-flight place; false when the upload stopped meanwhile. */
        private boolean awaitTurn(int index) throws InterruptedException {
            int[] dependencies = plan.dependencies(index);
            synchronized (lock) {
                while (true) {
                    if (stop != UploadResult.Stop.COMPLETED) {
                        return false;
                    }
                    Optional<String> reason = listener.leaseLostReason();
                    if (reason.isPresent()) {
                        stopLocked(UploadResult.Stop.LEASE_LOST, reason.get());
                        return false;
                    }
                    // Until the service has accepted a call, calls go one at a time: a wrong job id, a missing
                    // permission or a schema the service refuses costs one call (or three), not a burst.
                    boolean ready = inFlight < (firstAccepted ? maxInFlight : 1);
                    for (int dependency : dependencies) {
                        ready &= settled.contains(dependency);
                    }
                    if (ready) {
                        inFlight++;
                        maxInFlightSeen = Math.max(maxInFlightSeen, inFlight);
                        return true;
                    }
                    lock.wait();
                }
            }
        }

        private void send(Batch batch, String bulkIdPrefix, byte[] body, CallGate.Pass first) {
            AttemptGate attempts = new AttemptGate(first, gate, listener, this::stopping);
            try {
                GraphResponse response = graph.post(target.bulkUploadUri(), body, ScimSchemas.CONTENT_TYPE, attempts,
                        stats);
                if (batch.users().size() == BulkRequestWriter.MAX_OPERATIONS) {
                    results.fullCall();
                }
                AcceptedCall call = new AcceptedCall(batch.index(), bulkIdPrefix, batch.records(), clock.instant(),
                        response.attempts(), response.headers().firstValue("Location"));
                synchronized (lock) {
                    consecutiveRejections = 0;
                    firstAccepted = true;
                }
                delivery.deliver(batch.index(), () -> {
                    results.accepted(call);
                    listener.onAccepted(call);
                });
            } catch (GraphCallException e) {
                if (e.kind() != GraphCallException.Kind.REJECTED) {
                    stopWith(e.kind() == GraphCallException.Kind.CONFIGURATION ? UploadResult.Stop.CONFIGURATION_ERROR
                            : UploadResult.Stop.SERVICE_UNAVAILABLE, e.getMessage());
                    return;
                }
                List<RecordFailure> failures = new ArrayList<>();
                for (RecordRef record : batch.records()) {
                    failures.add(new RecordFailure(record, batch.index(), RecordOutcome.FAILED, e.status(),
                            "call " + (batch.index() + 1) + " refused: " + e.getMessage()));
                }
                LOG.warnf("Call %d of %d refused (%d): %s", batch.index() + 1, plan.batchCount(), e.status(),
                        e.getMessage());
                delivery.deliver(batch.index(), () -> {
                    results.refused(failures);
                    listener.onRejected(batch.index(), failures);
                });
                synchronized (lock) {
                    if (++consecutiveRejections >= MAX_CONSECUTIVE_REJECTIONS && remaining.get() > 1) {
                        stopLocked(UploadResult.Stop.TOO_MANY_REJECTIONS, consecutiveRejections + " calls in a row"
                                + " were refused as bad requests; stopped to spare the daily quota. Last reason: "
                                + e.getMessage());
                    }
                }
            } catch (QuotaExhaustedException e) {
                stopWith(UploadResult.Stop.QUOTA_EXHAUSTED, e.getMessage());
            } catch (StopRequested e) {
                stopWith(e.kind(), e.getMessage());
            } catch (InterruptedException e) {
                stopWith(UploadResult.Stop.INTERRUPTED,
                        "the upload was interrupted (shutdown); the unsent records can be sent again later");
            } catch (RuntimeException e) {
                delivery.failed(e);
                stopWith(UploadResult.Stop.SERVICE_UNAVAILABLE, "the upload failed: " + e.getMessage());
            } finally {
                attempts.giveBackIfUnused();
                synchronized (lock) {
                    settled.add(batch.index());
                    remaining.decrementAndGet();
                    releaseSlotLocked();
                }
            }
        }

        /** The upload's stop when it is stopping: no retry leaves then. */
        private Optional<StopRequested> stopping() {
            synchronized (lock) {
                return stop == UploadResult.Stop.COMPLETED ? Optional.empty()
                        : Optional.of(new StopRequested(stop, stopDetail));
            }
        }

        private void releaseSlot() {
            synchronized (lock) {
                releaseSlotLocked();
            }
        }

        private void releaseSlotLocked() {
            inFlight--;
            lock.notifyAll();
        }

        private void stopWith(UploadResult.Stop kind, String detail) {
            synchronized (lock) {
                stopLocked(kind, detail);
            }
        }

        private void stopLocked(UploadResult.Stop kind, String detail) {
            if (stop == UploadResult.Stop.COMPLETED) {
                stop = kind;
                stopDetail = detail;
            }
            lock.notifyAll();
        }

        /** Waits for the calls in flight, then gives back unused quota and window slots. */
        void finish() {
            workers.awaitCallsInFlight();
            delivery.deliverRest();
            try {
                gate.releaseUnused();
            } catch (RuntimeException e) {
                LOG.warnf("Could not give back unused quota or window slots: %s", e.getMessage());
            }
        }
    }
}
