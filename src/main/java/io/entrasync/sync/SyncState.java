package io.entrasync.sync;

import java.time.Instant;

/**
 * What an API source's syncs have come to, kept as {@code <source>/watermark.json} in the state store.
 *
 * <pre>{@code
 * {"watermark": "2024-05-01T13:00:00Z", "advancedAt": "2026-11-28T12:00:05Z", "advancedByRun":
 * "20261128T120001Z-3fa1c2d4",
 *  "pending": {"blobName": "sf/api-delta-20261128T130000000Z.jsonl", "contentSha256": "…", "nextWatermark":
 * "2024-05-02T08:00:00Z",
 *              "full": false, "spooledAt": "2026-11-28T13:00:02Z", "entries": 1200}}
 * }</pre>
 *
 * @param watermark where the next incremental read starts (ISO-8601 instant); null before the first completed sync
 * @param advancedAt when it last moved; null before
 * @param advancedByRun the run whose completion moved it; null before
 * @param pending a spool whose run has not completed yet: resumed before anything new is read; null when none
 * @param circuit the HR API's recent failures, when its last read failed ({@link SourceCircuit}); null while it reads
 *        normally
 */
public record SyncState(String watermark, Instant advancedAt, String advancedByRun, Pending pending,
        Circuit circuit) {

    public static final SyncState EMPTY = new SyncState(null, null, null, null, null);

    /**
     * Consecutive failed reads of the HR API. Kept in blob state because a Functions instance may not live until the
     * next timer: the breaker must hold across instances, not only in one process's memory.
     *
     * @param failedReads reads in a row that failed
     * @param lastFailureAt when the last one failed
     * @param lastError what it said (the connector's message: source, page, status, hint; never a secret)
     * @param nextAttemptAt when the next read may be tried; null while fewer than circuit.failures reads failed
     */
    public record Circuit(int failedReads, Instant lastFailureAt, String lastError, Instant nextAttemptAt) {
    }

    /**
     * A read spooled to a blob whose run has not completed. Its watermark is persisted only when the run completes.
     *
     * @param blobName the spool's name in the spool container, {@code <source>/api-full-<time>.jsonl} or
     *        {@code <source>/api-delta-<time>.jsonl}
     * @param contentSha256 the spool's hash (the run's state is kept under it)
     * @param nextWatermark the watermark the read reported; null when the source offers none (keep the stored one)
     * @param full whether the read had no watermark (every record of the source, not only the changes)
     * @param spooledAt when it was read
     * @param entries how many entries of the API it holds, records and malformed ones
     */
    public record Pending(String blobName, String contentSha256, String nextWatermark, boolean full, Instant spooledAt,
            long entries) {
    }

    public SyncState withPending(Pending value) {
        return new SyncState(watermark, advancedAt, advancedByRun, value, circuit);
    }

    public SyncState withCircuit(Circuit value) {
        return new SyncState(watermark, advancedAt, advancedByRun, pending, value);
    }

    /** The pending spool's run completed: its watermark becomes the stored one (never moving backwards). */
    public SyncState completed(String runId, Instant now) {
        String next = pending == null ? null : pending.nextWatermark();
        return new SyncState(Watermarks.later(watermark, next), now, runId, null, circuit);
    }

    /** A read without entries: nothing to wait for, the watermark moves on at once. */
    public SyncState advancedWithoutRun(String next, Instant now) {
        return new SyncState(Watermarks.later(watermark, next), now, advancedByRun, pending, circuit);
    }

    /** The pending spool is abandoned (its run failed or vanished): the watermark stays where it was. */
    public SyncState abandoned() {
        return new SyncState(watermark, advancedAt, advancedByRun, null, circuit);
    }
}
