package io.entrasync.delta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One generation of a source's snapshot: which shard blobs hold its records. Shard blobs are never rewritten in
 * place; a new generation writes the shards that changed under new names and then swaps
 * {@code <source>/snapshot/current.json} (guarded by its ETag), so a run that dies half-way leaves the previous
 * generation intact.
 *
 * @param generation the generation's id ({@code <yyyyMMddTHHmmssZ>-<random>})
 * @param writtenAt when it was written
 * @param runId the run that wrote it
 * @param records records in the snapshot (disabled leavers included)
 * @param disabled records disabled as leavers
 * @param bytes compressed size of all shards
 * @param lastFullAt when a run last sent every record (null: never)
 * @param shards blob name per shard ({@value SnapshotHash#SHARDS}); empty string for an empty shard
 * @param shardBytes compressed size per shard
 */
public record SnapshotManifest(String generation, Instant writtenAt, String runId, long records, long disabled,
        long bytes, Instant lastFullAt, List<String> shards, List<Long> shardBytes) {

    public SnapshotManifest {
        shards = List.copyOf(shards);
        shardBytes = List.copyOf(shardBytes);
    }

    /** The snapshot before any run: no records. */
    public static SnapshotManifest empty() {
        return new SnapshotManifest("", null, "", 0, 0, 0, null,
                new ArrayList<>(Collections.nCopies(SnapshotHash.SHARDS, "")),
                new ArrayList<>(Collections.nCopies(SnapshotHash.SHARDS, 0L)));
    }

    public long active() {
        return records - disabled;
    }
}
