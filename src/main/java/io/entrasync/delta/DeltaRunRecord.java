package io.entrasync.delta;

import java.time.Instant;
import java.util.List;

/**
 * What a run of one extract decided before its first call, kept at {@code <source>/delta/open/<runId>.json} until
 * the run completes or fails for good. A resumed attempt plans against the same {@code base} with the same
 * {@code retried} records, so it rebuilds exactly the same batches and resumes after its last accepted call.
 *
 * @param runId the run
 * @param blobName the extract in the inbound container
 * @param base the snapshot generation the plan compared with
 * @param full true when every valid record is sent
 * @param fullReason why the run is full, for people; empty for a delta run
 * @param retried externalIds sent again only because their last send failed
 * @param held true while the mass-change guard holds the run
 * @param holdReasons why it is held
 * @param heldOnGeneration the current snapshot generation when it was held (a new one makes the guard look again)
 * @param createdAt when the plan was made
 */
public record DeltaRunRecord(String runId, String blobName, SnapshotManifest base, boolean full, String fullReason,
        List<String> retried, boolean held, List<String> holdReasons, String heldOnGeneration, Instant createdAt) {

    public DeltaRunRecord {
        retried = retried == null ? List.of() : List.copyOf(retried);
        holdReasons = holdReasons == null ? List.of() : List.copyOf(holdReasons);
    }
}
