package io.entrasync.reconcile;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.entrasync.graph.CallStats;
import io.entrasync.report.RecordOutcome;
import io.entrasync.upload.UploadSettings;

/**
 * One reconciliation pass over one source, as its steps share it: the source, the instant the pass decides at, the
 * source's watermarks, and what the pass counts (provisioning-log requests, outcomes decided).
 */
final class PassContext {

    final String source;
    final UploadSettings upload;
    final Instant now;
    final ReconcileStore.Watermarks watermarks;
    /** The pass's provisioning-log requests: every page, retries included. */
    final CallStats logStats = new CallStats();
    /** Final outcomes decided in this pass. */
    final Map<RecordOutcome, Long> decided = new EnumMap<>(RecordOutcome.class);

    PassContext(String source, UploadSettings upload, Instant now, ReconcileStore.Watermarks watermarks) {
        this.source = source;
        this.upload = upload;
        this.now = now;
        this.watermarks = watermarks;
    }

    void decided(RecordOutcome outcome) {
        decided.merge(outcome, 1L, Long::sum);
    }
}
