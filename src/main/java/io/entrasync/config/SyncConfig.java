package io.entrasync.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * All settings of entra-inbound-sync, under the prefix {@code sync.} (environment: {@code SYNC_...}).
 * Every key is documented in docs/configuration.md.
 */
@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    /** Where the app keeps its durable state. */
    State state();

    /** The HR sources, by name ({@code sync.sources.<name>.*}); each feeds one provisioning job. */
    Map<String, SourceConfig> sources();

    /** The drop-a-file containers and how extracts dropped there are processed. */
    Files files();

    /** Reading the provisioning logs back: per-record outcomes, re-sends, unconfirmed records. */
    ReconcileConfig reconcile();

    /** Scheduled syncs of the HR API sources. */
    ApiSyncConfig api();

    /** Each person's trail across runs (the {@code trace} command). */
    TrailConfig trail();

    /** The custom-handler web server the Functions host calls (native executables). */
    CustomHandler customHandler();

    interface CustomHandler {
        /**
         * Largest request body accepted, in bytes; a larger one is answered 413 without being kept. Event Grid
         * delivers events of at most 1 MB and the host wraps one in an invocation request, so 4 MiB leaves room.
         */
        @WithDefault("4194304")
        long maxBodyBytes();

        /**
         * How long a connection may stay without a request, and how long a request may take to arrive in full; a
         * connection past either is closed. A function's own running time does not count.
         */
        @WithDefault("30s")
        Duration readTimeout();
    }

    interface Files {
        /** Container where extracts are dropped, as {@code <source>/<file>}. */
        @WithDefault("inbound")
        String inboundContainer();

        /** Container that receives each processed extract with its report, as {@code <source>/<runId>/<file>}. */
        @WithDefault("processed")
        String processedContainer();

        /** Container that receives unusable extracts and those that kept failing, with {@code <file>.error.txt}. */
        @WithDefault("failed")
        String failedContainer();

        /** Processing attempts of one extract before it is moved to the failed container. */
        @WithDefault("3")
        int maxAttempts();

        /**
         * How long a run's source lease lasts (15 s to 60 s, Azure's bounds); it is renewed every third of it while
         * the run lasts. A killed run's lease expires after this long, and only then can the next run of that source
         * start.
         */
        @WithDefault("30s")
        Duration leaseDuration();

        /**
         * How long a delivery waits for another run of the same source to finish before giving up (and retrying later).
         */
        @WithDefault("10m")
        Duration leaseWait();

        /** How often the standalone runner ({@code run}) looks for new extracts in the inbound container. */
        @WithDefault("30s")
        String pollEvery();
    }

    interface State {
        /**
         * Connection string of the storage account that holds state (Azurite locally). Ignored when
         * {@code sync.state.blob-endpoint} is set, which selects managed identity instead.
         */
        @WithDefault("UseDevelopmentStorage=true")
        String connectionString();

        /** Blob endpoint ({@code https://<account>.blob.core.windows.net}) reached with the managed identity. */
        Optional<String> blobEndpoint();

        /** Client id of a user-assigned managed identity for storage; system-assigned when absent. */
        Optional<String> managedIdentityClientId();

        /** Container that holds snapshots, ledgers, quota counters and checkpoints. */
        @WithDefault("entra-inbound-sync")
        String container();
    }
}
