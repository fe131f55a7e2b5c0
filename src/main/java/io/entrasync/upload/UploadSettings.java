package io.entrasync.upload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.entrasync.auth.AuthMode;
import io.entrasync.auth.AuthSettings;
import io.entrasync.config.SourceConfig;
import io.entrasync.contract.ServiceLimits;
import io.entrasync.graph.RetryPolicy;

/**
 * Everything one source's uploads need, resolved from {@code sync.sources.<name>.*} and command-line overrides.
 *
 * @param sourceName the source, for messages
 * @param target the bulkUpload endpoint
 * @param auth how to get tokens
 * @param pacing calls per sliding window
 * @param dailyCalls the daily call budget
 * @param sharingKey tenant (or job) key under which pacing and quota are shared
 * @param retries retry policy
 * @param connectTimeout connection timeout
 * @param requestTimeout response timeout
 * @param maxInFlight calls that may wait for their answers at the same time
 */
public record UploadSettings(String sourceName, BulkUploadTarget target, AuthSettings auth, PacingSettings pacing,
        int dailyCalls, String sharingKey, RetryPolicy retries, Duration connectTimeout, Duration requestTimeout,
        int maxInFlight) {

    public UploadSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("Source '" + sourceName + "': upload.max-in-flight must be at least 1,"
                    + " not " + maxInFlight + " (sync.sources." + sourceName + ".upload.max-in-flight)");
        }
    }

    /** Settings for a source; {@code config} is empty when the source is not configured (defaults + overrides). */
    public static UploadSettings resolve(String sourceName, Optional<SourceConfig> config, UploadOverrides overrides) {
        Optional<SourceConfig.GraphConfig> graph = config.map(SourceConfig::graph);
        Optional<SourceConfig.AuthConfig> auth = config.map(SourceConfig::auth);
        Optional<SourceConfig.UploadConfig> upload = config.map(SourceConfig::upload);

        String graphUrl = overrides.graphUrl().orElse(graph.map(SourceConfig.GraphConfig::url)
                .orElse(SourceConfig.DEFAULT_GRAPH_URL));
        String apiVersion = graph.map(SourceConfig.GraphConfig::apiVersion).orElse(SourceConfig.DEFAULT_API_VERSION);
        String servicePrincipalId = overrides.servicePrincipalId()
                .or(() -> graph.flatMap(SourceConfig.GraphConfig::servicePrincipalId)).orElse(null);
        String jobId = overrides.jobId().or(() -> graph.flatMap(SourceConfig.GraphConfig::jobId)).orElse(null);
        Optional<String> tenant = graph.flatMap(SourceConfig.GraphConfig::tenant);
        BulkUploadTarget target;
        try {
            target = new BulkUploadTarget(graphUrl, apiVersion, servicePrincipalId, jobId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Source '" + sourceName + "': " + e.getMessage()
                    + " (sync.sources." + sourceName + ".graph.*)", e);
        }

        AuthMode mode = AuthMode.parse(overrides.authMode()
                .orElse(auth.map(SourceConfig.AuthConfig::mode).orElse(SourceConfig.DEFAULT_AUTH_MODE)));
        AuthSettings authSettings = new AuthSettings(mode, tenant,
                overrides.clientId().or(() -> auth.flatMap(SourceConfig.AuthConfig::clientId)),
                overrides.clientSecret().or(() -> auth.flatMap(SourceConfig.AuthConfig::clientSecret)),
                auth.flatMap(SourceConfig.AuthConfig::federatedTokenFile).map(Path::of),
                overrides.tokenUrl().or(() -> auth.flatMap(SourceConfig.AuthConfig::tokenUrl)),
                auth.map(SourceConfig.AuthConfig::scope).orElse(SourceConfig.DEFAULT_SCOPE));
        if (mode == AuthMode.CLIENT_CREDENTIALS && tenant.isEmpty() && authSettings.tokenUrl().isEmpty()) {
            throw new IllegalArgumentException("Source '" + sourceName + "': client-credentials needs "
                    + "sync.sources." + sourceName + ".graph.tenant or a token URL (--token-url)");
        }

        PacingSettings pacing = upload.map(u -> new PacingSettings(u.pacing().calls(), u.pacing().window(),
                hold(sourceName, u.pacing().hold()), u.pacing().sendMargin())).orElse(PacingSettings.DEFAULT);
        int dailyCalls = upload.map(u -> u.quota().dailyCalls())
                .orElse(ServiceLimits.DAILY_CALLS_P1_P2);
        RetryPolicy retries = upload.map(u -> UploadRetries.policy(sourceName, u.retries()))
                .orElse(RetryPolicy.DEFAULT);
        Duration connectTimeout = upload.map(SourceConfig.UploadConfig::connectTimeout)
                .orElse(Duration.ofSeconds(ServiceLimits.CONNECT_TIMEOUT_SECONDS));
        Duration requestTimeout = upload.map(SourceConfig.UploadConfig::requestTimeout)
                .orElse(Duration.ofSeconds(ServiceLimits.REQUEST_TIMEOUT_SECONDS));
        int maxInFlight = upload.map(SourceConfig.UploadConfig::maxInFlight)
                .orElse(Integer.parseInt(SourceConfig.DEFAULT_MAX_IN_FLIGHT));
        String sharingKey = tenant.map(t -> "tenant-" + t)
                .orElse("job-" + target.servicePrincipalId() + "-" + target.jobId());
        return new UploadSettings(sourceName, target, authSettings, pacing, dailyCalls, sharingKey, retries,
                connectTimeout, requestTimeout, maxInFlight);
    }

    private static PacingSettings.Hold hold(String sourceName, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "send" -> PacingSettings.Hold.SEND;
            case "answer" -> PacingSettings.Hold.ANSWER;
            default -> throw new IllegalArgumentException("Source '" + sourceName + "': upload.pacing.hold is '"
                    + value + "'; use send or answer (sync.sources." + sourceName + ".upload.pacing.hold)");
        };
    }

    /** The same settings with another daily call budget. */
    public UploadSettings withDailyCalls(int calls) {
        return new UploadSettings(sourceName, target, auth, pacing, calls, sharingKey, retries, connectTimeout,
                requestTimeout, maxInFlight);
    }

    /** The same settings with other pacing. */
    public UploadSettings withPacing(PacingSettings other) {
        return new UploadSettings(sourceName, target, auth, other, dailyCalls, sharingKey, retries, connectTimeout,
                requestTimeout, maxInFlight);
    }

    /** The same settings signing in another way. */
    public UploadSettings withAuth(AuthSettings other) {
        return new UploadSettings(sourceName, target, other, pacing, dailyCalls, sharingKey, retries, connectTimeout,
                requestTimeout, maxInFlight);
    }
}
