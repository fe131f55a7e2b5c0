package io.entrasync.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.entrasync.contract.ServiceLimits;

/**
 * Everything the emulator can be told. Immutable; change a running emulator with
 * {@link ProvisioningEmulator#updateSettings(java.util.function.UnaryOperator)} (or {@code PATCH /_emulator/settings}).
 * {@code port}, {@code jobs} and {@code tenantId} are read at start-up only; every other setting applies from the
 * next request.
 *
 * @param port                      TCP port on 127.0.0.1; 0 picks a free port
 * @param jobs                      the jobs served; empty means {@link JobRef#DEFAULT}
 * @param tenantId                  the tenant id shown in provisioning logs; the daily quota is per tenant
 * @param callsPerWindow            bulkUpload calls allowed per tenant (all its jobs together) in any {@code
 *        callWindow}
 *                                  (40 per 5 s)
 * @param callWindow                the sliding window of {@code callsPerWindow}
 * @param dailyQuota                bulkUpload calls allowed per tenant in any {@code quotaWindow} (2,000; 6,000 with
 *        Entra ID Governance)
 * @param quotaWindow               the sliding window of {@code dailyQuota} (24 h)
 * @param reportsCallsPerWindow     provisioning-log reads allowed in any {@code reportsWindow} (5 per 10 s)
 * @param reportsWindow             the sliding window of {@code reportsCallsPerWindow}
 * @param processingDelay           time between a 202 and the processing of the upload (about 1 s)
 * @param logDelay                  time between processing and the log entries becoming visible (real service: 5-10
 *        min)
 * @param checkTokens               when true, bearer tokens must come from the emulator's token endpoints and be
 *        unexpired
 * @param tokenLifetime             lifetime of issued tokens
 * @param identityHeader            the secret clients must send as {@code X-IDENTITY-HEADER} to the managed-identity
 *        endpoint
 * @param clientSecret              when non-null, the client-credentials endpoint only accepts this secret
 * @param throttleProbability       chance that a bulkUpload call is answered 429 (injected)
 * @param serverErrorProbability    chance of an injected 500
 * @param unavailableProbability    chance of an injected 503
 * @param dropConnectionProbability chance that the connection is closed without a response
 * @param injectedRetryAfter        Retry-After sent with injected 429 and 503 answers
 * @param failingExternalIdPattern  externalIds matching this regex (whole match) fail in processing; null = none
 * @param failingErrorCode          errorCode of those failures
 * @param failingTransient          whether those failures are transient (errorCategory {@code failure}, re-sending can
 *        help)
 *                                  or permanent (errorCategory {@code nonServiceFailure}, the data must be fixed)
 * @param activeWhenMissingOnCreate accountEnabled of a user created without {@code active} (the mapping's default)
 * @param network                   what the network between client and service adds to bulkUpload: latency, gateway
 *                                  errors with HTML bodies, answers lost after the call was accepted
 */
public record EmulatorSettings(
        int port,
        List<JobRef> jobs,
        String tenantId,
        int callsPerWindow,
        Duration callWindow,
        int dailyQuota,
        Duration quotaWindow,
        int reportsCallsPerWindow,
        Duration reportsWindow,
        Duration processingDelay,
        Duration logDelay,
        boolean checkTokens,
        Duration tokenLifetime,
        String identityHeader,
        String clientSecret,
        double throttleProbability,
        double serverErrorProbability,
        double unavailableProbability,
        double dropConnectionProbability,
        Duration injectedRetryAfter,
        String failingExternalIdPattern,
        String failingErrorCode,
        boolean failingTransient,
        boolean activeWhenMissingOnCreate,
        NetworkConditions network) {

    public static final String DEFAULT_TENANT_ID = "8f1d4c2b-7a6e-4f3d-9c8b-2a1e0f9d8c7b";
    public static final String DEFAULT_IDENTITY_HEADER = "emulator-identity-header";

    public EmulatorSettings {
        jobs = List.copyOf(Objects.requireNonNull(jobs, "jobs"));
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(identityHeader, "identityHeader");
        Objects.requireNonNull(failingErrorCode, "failingErrorCode");
        Objects.requireNonNull(network, "network");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        positive("callsPerWindow", callsPerWindow);
        positive("dailyQuota", dailyQuota);
        positive("reportsCallsPerWindow", reportsCallsPerWindow);
        for (var d : List.of(callWindow, quotaWindow, reportsWindow, processingDelay, logDelay, tokenLifetime,
                injectedRetryAfter)) {
            if (Objects.requireNonNull(d, "durations must not be null").isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + d);
            }
        }
        if (tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive");
        }
        probability("throttleProbability", throttleProbability);
        probability("serverErrorProbability", serverErrorProbability);
        probability("unavailableProbability", unavailableProbability);
        probability("dropConnectionProbability", dropConnectionProbability);
        if (throttleProbability + serverErrorProbability + unavailableProbability + dropConnectionProbability > 1.0
                + 1e-9) {
            throw new IllegalArgumentException("the four fault probabilities must add up to at most 1");
        }
        if (failingExternalIdPattern != null) {
            try {
                Pattern.compile(failingExternalIdPattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("failingExternalIdPattern is not a valid regex: " + e.getMessage());
            }
        }
    }

    /** The documented limits of the real service, fast local delays, one default job, a free port. */
    public static EmulatorSettings defaults() {
        return new EmulatorSettings(0, List.of(JobRef.DEFAULT), DEFAULT_TENANT_ID,
                ServiceLimits.CALLS_PER_WINDOW, Duration.ofSeconds(ServiceLimits.CALL_WINDOW_SECONDS),
                ServiceLimits.DAILY_CALLS_P1_P2, Duration.ofHours(ServiceLimits.QUOTA_WINDOW_HOURS),
                ServiceLimits.LOG_READS_PER_WINDOW, Duration.ofSeconds(ServiceLimits.LOG_READ_WINDOW_SECONDS),
                Duration.ofSeconds(1), Duration.ofSeconds(3),
                false, Duration.ofHours(1), DEFAULT_IDENTITY_HEADER, null,
                0, 0, 0, 0, Duration.ofSeconds(1),
                null, "EmulatorInjectedFailure", false,
                false, NetworkConditions.NONE);
    }

    /** {@link #defaults()} with no processing or log delay: what most tests of other stages want. */
    public static EmulatorSettings fast() {
        return defaults().withProcessingDelay(Duration.ZERO).withLogDelay(Duration.ZERO);
    }

    public List<JobRef> effectiveJobs() {
        return jobs.isEmpty() ? List.of(JobRef.DEFAULT) : jobs;
    }

    public Pattern failingPattern() {
        return failingExternalIdPattern == null ? null : Pattern.compile(failingExternalIdPattern);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1: " + value);
        }
    }

    public EmulatorSettings withPort(int v) {
        return new EmulatorSettings(v, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, logDelay, checkTokens, tokenLifetime,
                identityHeader, clientSecret, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, injectedRetryAfter, failingExternalIdPattern, failingErrorCode,
                failingTransient, activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withJobs(List<JobRef> v) {
        return new EmulatorSettings(port, v, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, logDelay, checkTokens, tokenLifetime,
                identityHeader, clientSecret, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, injectedRetryAfter, failingExternalIdPattern, failingErrorCode,
                failingTransient, activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withJobs(JobRef... v) {
        return withJobs(List.of(v));
    }

    public EmulatorSettings withTenantId(String v) {
        return new EmulatorSettings(port, jobs, v, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, logDelay, checkTokens, tokenLifetime,
                identityHeader, clientSecret, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, injectedRetryAfter, failingExternalIdPattern, failingErrorCode,
                failingTransient, activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withCallsPerWindow(int v, Duration window) {
        return new EmulatorSettings(port, jobs, tenantId, v, window, dailyQuota, quotaWindow, reportsCallsPerWindow,
                reportsWindow, processingDelay, logDelay, checkTokens, tokenLifetime, identityHeader, clientSecret,
                throttleProbability, serverErrorProbability, unavailableProbability, dropConnectionProbability,
                injectedRetryAfter, failingExternalIdPattern, failingErrorCode, failingTransient,
                activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withDailyQuota(int v) {
        return withDailyQuota(v, quotaWindow);
    }

    public EmulatorSettings withDailyQuota(int v, Duration window) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, v, window, reportsCallsPerWindow,
                reportsWindow, processingDelay, logDelay, checkTokens, tokenLifetime, identityHeader, clientSecret,
                throttleProbability, serverErrorProbability, unavailableProbability, dropConnectionProbability,
                injectedRetryAfter, failingExternalIdPattern, failingErrorCode, failingTransient,
                activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withReportsCallsPerWindow(int v, Duration window) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow, v,
                window, processingDelay, logDelay, checkTokens, tokenLifetime, identityHeader, clientSecret,
                throttleProbability, serverErrorProbability, unavailableProbability, dropConnectionProbability,
                injectedRetryAfter, failingExternalIdPattern, failingErrorCode, failingTransient,
                activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withProcessingDelay(Duration v) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, v, logDelay, checkTokens, tokenLifetime, identityHeader,
                clientSecret, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, injectedRetryAfter, failingExternalIdPattern, failingErrorCode,
                failingTransient, activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withLogDelay(Duration v) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, v, checkTokens, tokenLifetime, identityHeader,
                clientSecret, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, injectedRetryAfter, failingExternalIdPattern, failingErrorCode,
                failingTransient, activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withCheckTokens(boolean v) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, logDelay, v, tokenLifetime, identityHeader,
                clientSecret, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, injectedRetryAfter, failingExternalIdPattern, failingErrorCode,
                failingTransient, activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withTokenLifetime(Duration v) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, logDelay, checkTokens, v, identityHeader,
                clientSecret, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, injectedRetryAfter, failingExternalIdPattern, failingErrorCode,
                failingTransient, activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withIdentityHeader(String v) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, logDelay, checkTokens, tokenLifetime, v,
                clientSecret, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, injectedRetryAfter, failingExternalIdPattern, failingErrorCode,
                failingTransient, activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withClientSecret(String v) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, logDelay, checkTokens, tokenLifetime,
                identityHeader, v, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, injectedRetryAfter, failingExternalIdPattern, failingErrorCode,
                failingTransient, activeWhenMissingOnCreate, network);
    }

    /** Sets the four per-call fault probabilities at once (429, 500, 503, dropped connection). */
    public EmulatorSettings withFaults(double throttle, double serverError, double unavailable, double dropConnection) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, logDelay, checkTokens, tokenLifetime,
                identityHeader, clientSecret, throttle, serverError, unavailable, dropConnection, injectedRetryAfter,
                failingExternalIdPattern, failingErrorCode, failingTransient, activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withInjectedRetryAfter(Duration v) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, logDelay, checkTokens, tokenLifetime,
                identityHeader, clientSecret, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, v, failingExternalIdPattern, failingErrorCode, failingTransient,
                activeWhenMissingOnCreate, network);
    }

    /** externalIds matching {@code regex} fail in processing with {@code errorCode}; null regex switches it off. */
    public EmulatorSettings withFailingExternalIds(String regex, String errorCode, boolean transientFailure) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, logDelay, checkTokens, tokenLifetime,
                identityHeader, clientSecret, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, injectedRetryAfter, regex, errorCode, transientFailure,
                activeWhenMissingOnCreate, network);
    }

    public EmulatorSettings withActiveWhenMissingOnCreate(boolean v) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, logDelay, checkTokens, tokenLifetime,
                identityHeader, clientSecret, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, injectedRetryAfter, failingExternalIdPattern, failingErrorCode,
                failingTransient, v, network);
    }

    /** Replaces what the network adds to bulkUpload (latency, gateway errors, lost answers). */
    public EmulatorSettings withNetwork(NetworkConditions v) {
        return new EmulatorSettings(port, jobs, tenantId, callsPerWindow, callWindow, dailyQuota, quotaWindow,
                reportsCallsPerWindow, reportsWindow, processingDelay, logDelay, checkTokens, tokenLifetime,
                identityHeader, clientSecret, throttleProbability, serverErrorProbability, unavailableProbability,
                dropConnectionProbability, injectedRetryAfter, failingExternalIdPattern, failingErrorCode,
                failingTransient, activeWhenMissingOnCreate, v);
    }

    /** Holds every bulkUpload answer for a random time between {@code min} and {@code max}. */
    public EmulatorSettings withLatency(Duration min, Duration max) {
        return withNetwork(network.withLatency(min, max));
    }
}
