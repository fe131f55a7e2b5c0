package io.entrasync.reconcile;

import java.time.Duration;
import java.util.Set;

import io.entrasync.config.ReconcileConfig;
import io.entrasync.contract.ServiceLimits;
import io.entrasync.upload.PacingSettings;

/**
 * How reconciliation reads the logs and decides (every value is a {@code sync.reconcile.*} key).
 *
 * @param unconfirmedAfter a record without a log entry this long after its send is unconfirmed
 * @param maxAttempts sends of a record, the first included, before a fixable failure is final
 * @param overlap how far each query reaches back before the previous query's start (log latency + skew)
 * @param clockSkew entries this much before a send still match it
 * @param pageSize {@code $top} of each log page
 * @param reportsPacing log requests per window (5 per 10 s)
 * @param resendErrorCodes error codes that a re-send can fix
 * @param waitPoll pause between passes while waiting for final outcomes
 */
public record ReconcileSettings(Duration unconfirmedAfter, int maxAttempts, Duration overlap, Duration clockSkew,
        int pageSize, PacingSettings reportsPacing, Set<String> resendErrorCodes, Duration waitPoll) {

    public static final String UNRESOLVED_REFERENCE = "UnableToResolveReferenceAttributeValue";
    /**
     * A change whose entry shows a skipped manager is decided only in a later pass, at least this long after it was
     * first seen: the follow-up that sets the manager is written seconds after the entry and may become visible later.
     */
    public static final Duration FOLLOW_UP_HOLD = Duration.ofSeconds(10);
    /**
     * How long the service keeps provisioning logs (30 days with Entra ID P1/P2): unconfirmed records are looked for
     * that long.
     */
    public static final Duration LOG_RETENTION = Duration.ofDays(ServiceLimits.LOG_RETENTION_DAYS);

    public static final ReconcileSettings DEFAULT = new ReconcileSettings(Duration.ofMinutes(60), 3,
            Duration.ofMinutes(15), Duration.ofMinutes(2), 500, new PacingSettings(ServiceLimits.LOG_READS_PER_WINDOW,
            Duration.ofSeconds(ServiceLimits.LOG_READ_WINDOW_SECONDS)),
            Set.of(UNRESOLVED_REFERENCE), Duration.ofSeconds(30));

    public ReconcileSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("sync.reconcile.max-attempts must be 1 or more");
        }
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("sync.reconcile.page-size must be 1 to 1000");
        }
        resendErrorCodes = Set.copyOf(resendErrorCodes);
    }

    public static ReconcileSettings from(ReconcileConfig config) {
        return new ReconcileSettings(config.unconfirmedAfter(), config.maxAttempts(), config.overlap(),
                config.clockSkew(), config.pageSize(), new PacingSettings(config.reportsCalls(),
                config.reportsWindow()),
                Set.copyOf(config.resendErrorCodes()), config.waitPoll());
    }

    public ReconcileSettings withUnconfirmedAfter(Duration value) {
        return new ReconcileSettings(value, maxAttempts, overlap, clockSkew, pageSize, reportsPacing, resendErrorCodes,
                waitPoll);
    }

    public ReconcileSettings withMaxAttempts(int value) {
        return new ReconcileSettings(unconfirmedAfter, value, overlap, clockSkew, pageSize, reportsPacing,
                resendErrorCodes, waitPoll);
    }

    public ReconcileSettings withPageSize(int value) {
        return new ReconcileSettings(unconfirmedAfter, maxAttempts, overlap, clockSkew, value, reportsPacing,
                resendErrorCodes, waitPoll);
    }

    public ReconcileSettings withReportsPacing(PacingSettings value) {
        return new ReconcileSettings(unconfirmedAfter, maxAttempts, overlap, clockSkew, pageSize, value,
                resendErrorCodes, waitPoll);
    }

    public ReconcileSettings withWaitPoll(Duration value) {
        return new ReconcileSettings(unconfirmedAfter, maxAttempts, overlap, clockSkew, pageSize, reportsPacing,
                resendErrorCodes, value);
    }

    /** Whether a re-send can fix a failure: a listed code, or a transient service failure ({@code failure}). */
    public boolean resendable(String errorCode, String errorCategory) {
        return (errorCode != null && resendErrorCodes.contains(errorCode))
                || "failure".equalsIgnoreCase(errorCategory);
    }
}
