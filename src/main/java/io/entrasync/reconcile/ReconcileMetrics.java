package io.entrasync.reconcile;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.entrasync.report.RecordOutcome;
import io.entrasync.report.RunMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The few meters reconciliation keeps (Micrometer; in the app on the global registry that the Application Insights
 * agent collects, see docs/monitoring.md; the runs' own meters are in {@link RunMetrics}):
 * <ul>
 * <li>{@code entrasync.records} (source, outcome): records by final service outcome;</li>
 * <li>{@code entrasync.graph.requests} (source, api = provisioningLogs | jobStatus | bulkUpload): requests sent;</li>
 * <li>{@code entrasync.graph.throttled} (source, api): 429 answers;</li>
 * <li>{@code entrasync.quota.remaining} (source): bulkUpload calls left in the rolling 24 hours;</li>
 * <li>{@code entrasync.reconcile.lag} (source): from a record's send to its outcome being known;</li>
 * <li>{@code entrasync.reconcile.open} (source): records still waiting for an outcome;</li>
 * <li>{@code entrasync.job.stopped} (source): 1 while the source's job was last seen paused or in quarantine.</li>
 * </ul>
 */
public final class ReconcileMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> jobStopped = new ConcurrentHashMap<>();

    public ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters kept in memory only (tests, or no registry configured). */
    public static ReconcileMetrics inMemory() {
        return new ReconcileMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    void outcome(String source, RecordOutcome outcome, Duration lag) {
        Counter.builder("entrasync.records").tag("source", source).tag("outcome", outcome.label())
                .description("Records by final service outcome").register(registry).increment();
        if (lag != null && !lag.isNegative()) {
            Timer.builder("entrasync.reconcile.lag").tag("source", source)
                    .description("From a record's send to its outcome in the provisioning logs").register(registry)
                    .record(lag);
        }
    }

    void requests(String source, String api, long requests, long throttled) {
        if (requests > 0) {
            Counter.builder("entrasync.graph.requests").tag("source", source).tag("api", api).register(registry)
                    .increment((double) requests);
        }
        if (throttled > 0) {
            Counter.builder("entrasync.graph.throttled").tag("source", source).tag("api", api).register(registry)
                    .increment((double) throttled);
        }
    }

    void quotaLeft(String source, long left) {
        if (left >= 0) {
            RunMetrics.quotaLeft(registry, source, left); // one gauge, shared with the runs' meters
        }
    }

    void open(String source, long records) {
        open.computeIfAbsent(source, s -> registry.gauge("entrasync.reconcile.open",
                Tags.of("source", s), new AtomicLong())).set(records);
    }

    /** Whether the source's job was found paused or in quarantine (an alert fires on 1). */
    boolean jobLastSeenStopped(String source) {
        AtomicLong stopped = jobStopped.get(source);
        return stopped != null && stopped.get() == 1;
    }

    void jobStopped(String source, boolean stopped) {
        jobStopped.computeIfAbsent(source, s -> registry.gauge("entrasync.job.stopped",
                Tags.of("source", s), new AtomicLong())).set(stopped ? 1 : 0);
    }
}
