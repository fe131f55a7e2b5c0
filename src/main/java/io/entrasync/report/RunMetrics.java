package io.entrasync.report;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of a run of an extract, from its report. They go to Micrometer's global registry: in the app that is
 * Quarkus' root registry, and the one the Application Insights Java agent collects (docs/monitoring.md lists every
 * meter and how it is named in Application Insights). Reconciliation's meters are in
 * {@code io.entrasync.reconcile.ReconcileMetrics}; the quota gauge is shared, kept here.
 */
public final class RunMetrics {

    public static final String RUNS = "entrasync.runs";
    public static final String RUN_RECORDS = "entrasync.run.records";
    public static final String RUN_DURATION = "entrasync.run.duration";
    public static final String REQUESTS = "entrasync.graph.requests";
    public static final String THROTTLED = "entrasync.graph.throttled";
    public static final String RETRIES = "entrasync.graph.retries";
    public static final String QUOTA_REMAINING = "entrasync.quota.remaining";

    /** Strong references to the gauges' values (registries hold gauges weakly), per registry and source. */
    private static final Map<MeterRegistry, Map<String, AtomicLong>> QUOTA_LEFT = new ConcurrentHashMap<>();

    private final MeterRegistry registry;

    public RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** On Micrometer's global registry (Quarkus' root registry; what the Application Insights agent reads). */
    public static RunMetrics global() {
        return new RunMetrics(Metrics.globalRegistry);
    }

    /** Records one run (one attempt at an extract) from its report. */
    public void record(RunReport report) {
        String source = report.source();
        Counter.builder(RUNS).tag("source", source).tag("status", report.status())
                .description("Runs of extracts by how they ended").register(registry).increment();
        if (report.records() != null && report.records().byOutcome() != null) {
            report.records().byOutcome().forEach((outcome, count) -> Counter.builder(RUN_RECORDS)
                    .tag("source", source).tag("outcome", outcome)
                    .description("Records of runs by their outcome when the run ended").register(registry)
                    .increment(count));
        }
        RunReport.Calls calls = report.calls();
        if (calls != null) {
            count(REQUESTS, source, calls.total());
            count(THROTTLED, source, calls.throttled());
            count(RETRIES, source, calls.retries());
        }
        if (report.quota() != null) {
            quotaLeft(registry, source, report.quota().left());
        }
        if (report.startedAt() != null && report.finishedAt() != null) {
            Duration took = Duration.between(report.startedAt(), report.finishedAt());
            if (!took.isNegative()) {
                Timer.builder(RUN_DURATION).tag("source", source)
                        .description("From a run's first attempt to its report").register(registry).record(took);
            }
        }
    }

    private void count(String name, String source, long amount) {
        if (amount > 0) {
            Counter.builder(name).tag("source", source).tag("api",
                    "bulkUpload").register(registry).increment((double) amount);
        }
    }

    /** Sets the {@value #QUOTA_REMAINING} gauge of {@code source}: bulkUpload calls left in the rolling 24 hours. */
    public static void quotaLeft(MeterRegistry registry, String source, long left) {
        QUOTA_LEFT.computeIfAbsent(registry, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(source, s -> registry.gauge(QUOTA_REMAINING, Tags.of("source", s), new AtomicLong()))
                .set(left);
    }
}
