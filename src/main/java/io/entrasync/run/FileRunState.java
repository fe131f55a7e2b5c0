package io.entrasync.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The durable progress of one extract (one blob name with one content), kept in the state store so that a process
 * killed at any point resumes after the last call the service accepted, and a second delivery of the same blob
 * does nothing.
 *
 * @param runId the run's id, also the folder of its reports
 * @param source the source
 * @param blobName the inbound blob
 * @param contentSha256 hash of the extract's bytes
 * @param status where the run stands
 * @param attempts how many times processing of this content started
 * @param nextBatch one past the highest batch finished so far (informational: calls overlap, so batches finish out of
 *        order; the resume point is {@link #doneBatches()})
 * @param calls every call made for this extract so far, accepted or refused, in the order their answers came
 * @param startedAt when the first attempt started
 * @param finishedAt when it completed or failed for good; null before
 * @param lastError the last error, for people; empty when none
 */
public record FileRunState(String runId, String source, String blobName, String contentSha256, Status status,
        int attempts, int nextBatch, List<CallRecord> calls, Instant startedAt, Instant finishedAt, String lastError) {

    public enum Status {
        /** Being processed, or interrupted: the next delivery resumes it. */
        RUNNING,
        /** Stopped by the daily quota: the rest is sent by a later run. */
        DEFERRED,
        /** Every record has its outcome; the extract is in the processed container. */
        COMPLETED,
        /** Given up: the extract is in the failed container with an error file. */
        FAILED,
        /** Held by the mass-change guard: nothing sent; it stays in inbound until approved. */
        HELD
    }

    /**
     * One bulkUpload call of this extract.
     *
     * @param batchIndex the batch of the plan it carried
     * @param accepted true for a 202, false when the service refused the call's content
     * @param detail the bulkId prefix and time of an accepted call, or the service's reason for a refused one
     */
    public record CallRecord(int batchIndex, boolean accepted, String detail) {
    }

    public FileRunState {
        calls = List.copyOf(calls);
        lastError = lastError == null ? "" : lastError;
    }

    public static FileRunState start(String runId, InboundFile file, String contentSha256, Instant now) {
        return new FileRunState(runId, file.source(), file.blobName(), contentSha256, Status.RUNNING, 0, 0, List.of(),
                now, null, "");
    }

    /** The batches accepted or refused so far: a resumed attempt sends exactly the others. */
    public SortedSet<Integer> doneBatches() {
        SortedSet<Integer> done = new TreeSet<>();
        calls.forEach(call -> done.add(call.batchIndex()));
        return done;
    }

    public FileRunState withAttempt() {
        return new FileRunState(runId, source, blobName, contentSha256, Status.RUNNING, attempts + 1, nextBatch, calls,
                startedAt, null, lastError);
    }

    public FileRunState withCall(CallRecord call) {
        List<CallRecord> more = new ArrayList<>(calls);
        more.add(call);
        return new FileRunState(runId, source, blobName, contentSha256, status, attempts,
                Math.max(nextBatch, call.batchIndex() + 1), more, startedAt, finishedAt, lastError);
    }

    /** Held by the mass-change guard; the attempts start again from zero once it is approved. */
    public FileRunState held(String reason) {
        return new FileRunState(runId, source, blobName, contentSha256, Status.HELD, 0, nextBatch, calls, startedAt,
                null, reason);
    }

    /** Deferred by the daily quota: waiting is not failing, so the attempts start again from zero. */
    public FileRunState deferred(String reason) {
        return new FileRunState(runId, source, blobName, contentSha256, Status.DEFERRED, 0, nextBatch, calls, startedAt,
                null, reason);
    }

    public FileRunState with(Status newStatus, String error, Instant finished) {
        return new FileRunState(runId, source, blobName, contentSha256, newStatus, attempts, nextBatch, calls,
                startedAt, finished, error);
    }
}
