package io.entrasync.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * Scheduled syncs of the HR API sources ({@code sync.api.*}); the sources themselves are {@code
 * sync.sources.<name>.api.*}.
 */
public interface ApiSyncConfig {

    /**
     * Container that holds each API read spooled to a file ({@code <source>/api-full-<time>.jsonl} or {@code
     * api-delta-<time>.jsonl}) until its run completed.
     * Not the inbound container: the blob trigger must not see spools. Finished spools move to the processed container.
     */
    @WithDefault("api-spool")
    String spoolContainer();

    /** How often the standalone runner ({@code run}) syncs every API source; Azure uses {@code HR_POLL_SCHEDULE}. */
    @WithDefault("15m")
    String pollEvery();

    /** How long a sync waits for another sync of the same source to finish before giving up until the next one. */
    @WithDefault("PT2M")
    Duration leaseWait();
}
