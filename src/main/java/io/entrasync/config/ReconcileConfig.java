package io.entrasync.config;

import java.time.Duration;
import java.util.List;

import io.entrasync.contract.ServiceLimits;
import io.smallrye.config.WithDefault;

/** Reconciliation ({@code sync.reconcile.*}): reading the provisioning logs, re-sends, unconfirmed records. */
public interface ReconcileConfig {

    /**
     * How often the standalone runner ({@code run}) reconciles every source. The Functions timer uses
     * RECONCILE_SCHEDULE.
     */
    @WithDefault("5m")
    String every();

    /** A record with no provisioning-log entry this long after it was sent is reported unconfirmed. */
    @WithDefault("60m")
    Duration unconfirmedAfter();

    /** Sends of one record, the first included, before a fixable failure is final (1 = never re-send). */
    @WithDefault("3")
    int maxAttempts();

    /**
     * How far each log query reaches back before the previous query's start: must cover the service's log latency
     * (5 to 10 minutes) plus clock skew, so that an entry that became visible late is still read.
     */
    @WithDefault("15m")
    Duration overlap();

    /**
     * Tolerated difference between this machine's clock and the service's: entries this much before a send still match
     * it.
     */
    @WithDefault("2m")
    Duration clockSkew();

    /** Entries per provisioning-log page ({@code $top}). */
    @WithDefault("500")
    int pageSize();

    /**
     * Provisioning-log requests allowed per {@code reports-window} (the reports API allows 5 per 10 s per app and
     * tenant).
     */
    @WithDefault(ServiceLimits.LOG_READS_PER_WINDOW_TEXT)
    int reportsCalls();

    /** The sliding window of the provisioning-log request limit (the reports API: 10 seconds). */
    @WithDefault(ServiceLimits.LOG_READ_WINDOW_TEXT)
    Duration reportsWindow();

    /**
     * Error codes that a re-send can fix (besides any failure whose errorCategory is {@code failure}, i.e. transient).
     */
    @WithDefault("UnableToResolveReferenceAttributeValue")
    List<String> resendErrorCodes();

    /** How often {@code reconcile --wait} and the demo look again while records are still open. */
    @WithDefault("30s")
    Duration waitPoll();

    /** Runs listed by {@code status}. */
    @WithDefault("10")
    int statusRuns();
}
