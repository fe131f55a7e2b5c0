package io.entrasync.config;

import java.time.Duration;
import java.util.Optional;

import io.entrasync.contract.ServiceLimits;
import io.smallrye.config.WithDefault;

/** One HR source ({@code sync.sources.<name>.*}) and the provisioning job it feeds. */
public interface SourceConfig {

    // Durations as ISO-8601 so the mapping also converts them outside Quarkus (plain SmallRye Config in tests);
    // in the app, "5s" style values work too.
    String DEFAULT_GRAPH_URL = "https://graph.microsoft.com";
    String DEFAULT_API_VERSION = "beta";
    String DEFAULT_AUTH_MODE = "managed-identity";
    String DEFAULT_SCOPE = "https://graph.microsoft.com/.default";
    String DEFAULT_PACING_CALLS = ServiceLimits.CALLS_PER_WINDOW_TEXT;
    String DEFAULT_PACING_WINDOW = ServiceLimits.CALL_WINDOW_TEXT;
    String DEFAULT_DAILY_CALLS = ServiceLimits.DAILY_CALLS_P1_P2_TEXT;
    String DEFAULT_MAX_ATTEMPTS = "6";
    String DEFAULT_INITIAL_BACKOFF = "PT1S";
    String DEFAULT_MAX_BACKOFF = "PT60S";
    String DEFAULT_CONNECT_TIMEOUT = ServiceLimits.CONNECT_TIMEOUT_TEXT;
    String DEFAULT_REQUEST_TIMEOUT = ServiceLimits.REQUEST_TIMEOUT_TEXT;
    String DEFAULT_MAX_IN_FLIGHT = ServiceLimits.CALLS_PER_WINDOW_TEXT;
    String DEFAULT_PACING_HOLD = "send";
    String DEFAULT_PACING_SEND_MARGIN = "PT0.1S";

    /** Path of the mapping file (YAML) that turns this source's records into SCIM users. */
    Optional<String> mapping();

    /** How this source's extracts are read. */
    ExtractConfig extract();

    /** Present when this source is an HR REST API ({@code sync.sources.<name>.api.*}). */
    Optional<ApiSourceConfig> api();

    /** The provisioning job this source uploads to. */
    GraphConfig graph();

    /** How this source gets its Graph token. */
    AuthConfig auth();

    /** Pacing, daily quota, retries and timeouts of this source's bulkUpload calls. */
    UploadConfig upload();

    /**
     * Every extract of this source is complete (everyone who should have an account is in it): a record of the
     * snapshot missing from an extract is a leaver and is disabled (see {@code delta.leaver-grace}).
     */
    @WithDefault("false")
    boolean fullExtract();

    /** Delta sync, leavers and the mass-change guard. */
    DeltaConfig delta();

    /** The optional check of unique values against the directory. */
    UniqueConfig unique();

    /**
     * The time zone of the mapping's {@code today} and {@code now} and of the changes that come due (an exit date
     * passes at midnight there): an IANA zone id such as {@code Europe/Berlin}.
     */
    @WithDefault("UTC")
    String timeZone();

    /** The Microsoft Graph provisioning job of a source. */
    interface GraphConfig {
        /** Base URL of Microsoft Graph; the emulator's URL for local runs. */
        @WithDefault(DEFAULT_GRAPH_URL)
        String url();

        /** Graph API version used for bulkUpload ({@code beta} like Microsoft's samples, or {@code v1.0}). */
        @WithDefault(DEFAULT_API_VERSION)
        String apiVersion();

        /** Object id of the provisioning app's service principal. */
        Optional<String> servicePrincipalId();

        /** Provisioning job id, {@code API2AAD.<hex>.<guid>} or {@code API2AD.<hex>.<guid>}. */
        Optional<String> jobId();

        /**
         * The Entra tenant (id or primary domain). Needed by client credentials for the default token URL; also the
         * key under which pacing and the daily quota are shared (sources of one tenant share one budget).
         */
        Optional<String> tenant();
    }

    /** Token settings of a source. Secrets belong in app settings / Key Vault references, not in files. */
    interface AuthConfig {
        /**
         * {@code managed-identity} (Azure Functions), {@code client-credentials} (standalone) or {@code azure-cli} (an
         * admin's own {@code az login}, for the admin commands).
         */
        @WithDefault(DEFAULT_AUTH_MODE)
        String mode();

        /**
         * managed-identity: client id of a user-assigned identity (system-assigned when absent);
         * client-credentials: the app registration's client id.
         */
        Optional<String> clientId();

        /** client-credentials: the client secret (or use {@code federated-token-file}). */
        Optional<String> clientSecret();

        /** client-credentials: a file holding a federated token (workload identity), read again for every token. */
        Optional<String> federatedTokenFile();

        /**
         * client-credentials: the token endpoint; default
         * {@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token}, the emulator's
         * {@code <url>/<tenant>/oauth2/v2.0/token} locally.
         */
        Optional<String> tokenUrl();

        /** The scope asked for. */
        @WithDefault(DEFAULT_SCOPE)
        String scope();
    }

    interface UploadConfig {
        /** The service's call window: at most {@code calls} bulkUpload calls in any {@code window}. */
        Pacing pacing();

        /** The tenant's daily bulkUpload quota (2,000 calls a day with P1/P2, 6,000 with Entra ID Governance). */
        Quota quota();

        /** Retries of throttled and failed bulkUpload calls. */
        Retries retries();

        /** Time allowed to open a connection to Graph or the token endpoint. */
        @WithDefault(DEFAULT_CONNECT_TIMEOUT)
        Duration connectTimeout();

        /** Time allowed for one bulkUpload response. */
        @WithDefault(DEFAULT_REQUEST_TIMEOUT)
        Duration requestTimeout();

        /**
         * bulkUpload calls of one upload that may wait for their answers at the same time. The default, one window's
         * worth of calls, lets a window's calls leave together whatever the latency; 1 sends one call after the
         * other.
         */
        @WithDefault(DEFAULT_MAX_IN_FLIGHT)
        int maxInFlight();

        /**
         * At most {@code calls} calls in any sliding {@code window}, each counted as {@code hold} says, shared through
         * the state store by every process that calls the same tenant (or job).
         */
        interface Pacing {
            /** Calls allowed in one window (the service: 40). */
            @WithDefault(DEFAULT_PACING_CALLS)
            int calls();

            /** The sliding window (the service: 5 seconds). */
            @WithDefault(DEFAULT_PACING_WINDOW)
            Duration window();

            /**
             * How long a call counts: {@code send} (one window from its send plus a margin its answer shows, at least
             * {@code send-margin}, the service counting a request when it arrives) or {@code answer} (one window from
             * its answer: safe wherever the service counts, slower by one answer's latency per window). A 429 despite
             * the pacing raises the margin, and at its highest switches a running upload to {@code answer}.
             */
            @WithDefault(DEFAULT_PACING_HOLD)
            String hold();

            /** With {@code hold=send}: the least margin past one window after a call's send (see docs/architecture). */
            @WithDefault(DEFAULT_PACING_SEND_MARGIN)
            Duration sendMargin();
        }

        interface Quota {
            /** bulkUpload calls per rolling 24 hours: 2000 with Entra ID P1/P2, 6000 with Entra ID Governance. */
            @WithDefault(DEFAULT_DAILY_CALLS)
            int dailyCalls();
        }

        interface Retries {
            /**
             * Tries of one call, the first included, after a 429, 500, 502, 503, 504, a connection failure or
             * timeout (1 = never retry); 6 when neither this nor {@link #max()} is set.
             */
            Optional<Integer> maxAttempts();

            /**
             * Deprecated alias of {@link #maxAttempts()} counting retries after the first try: {@code max=n} means
             * {@code max-attempts=n+1}; ignored (with a warning) when {@code max-attempts} is set.
             */
            Optional<Integer> max();

            /** Backoff before the first retry when the service sends no Retry-After; doubles each retry. */
            @WithDefault(DEFAULT_INITIAL_BACKOFF)
            Duration initialBackoff();

            /** Longest backoff, and the longest Retry-After waited for; a longer one stops the upload. */
            @WithDefault(DEFAULT_MAX_BACKOFF)
            Duration maxBackoff();
        }
    }
}
