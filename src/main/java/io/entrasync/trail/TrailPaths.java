package io.entrasync.trail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * Where a source's trail lives in the state container, beside its snapshot:
 * <pre>
 * &lt;source&gt;/trail/segments/&lt;yyyyMMdd-HHmmssSSS&gt;-&lt;runId&gt;-&lt;run|pass&gt;-&lt;n&gt;.jsonl.gz
 *                                       one per run attempt or reconciliation pass
 * &lt;source&gt;/trail/shards/&lt;00..63&gt;.jsonl.gz   compacted events, by the snapshot's externalId shard
 * &lt;source&gt;/trail/runs.jsonl.gz                compacted run events (which file, complete or not)
 * &lt;source&gt;/trail/compaction.lease            held while a compaction runs
 * </pre>
 * Segment names sort by time, so compaction and {@code trace} read them in the order they were written.
 */
final class TrailPaths {

    /** As many shards as the delta snapshot has. */
    private static final int SHARDS = 64;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TrailPaths() {
    }

    static String segments(String source) {
        return source + "/trail/segments/";
    }

    static String segment(String source, Instant at, String runId, String kind) {
        return segments(source) + STAMP.format(at) + "-" + runId + "-" + kind + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".jsonl.gz";
    }

    static String shard(String source, int shard) {
        return source + "/trail/shards/" + String.format(Locale.ROOT, "%02d", shard) + ".jsonl.gz";
    }

    /** The first shard the next compaction prunes (a number). */
    static String pruneNext(String source) {
        return source + "/trail/prune-next";
    }

    /** The lease a compaction of the source's trail holds. */
    static String compactionLease(String source) {
        return source + "/trail/compaction.lease";
    }

    static String runs(String source) {
        return source + "/trail/runs.jsonl.gz";
    }

    /** The shard of a person ({@link String#hashCode()} is specified by the JLS, so it is stable across JVMs). */
    static int shardOf(String externalId) {
        return Math.floorMod(externalId.hashCode(), SHARDS);
    }

    static int shards() {
        return SHARDS;
    }
}
