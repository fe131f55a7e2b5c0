package io.entrasync.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.entrasync.report.RecordOutcome;

/**
 * Where one record of a run stands.
 *
 * @param externalId the record
 * @param position its line in the extract
 * @param attempt sends so far (1 = the run's own)
 * @param sentAt when its last send was accepted
 * @param status pending (waiting for its log entry), resend (a fixable failure, to send again) or final
 * @param outcome the service's outcome; null while pending
 * @param detail for people: the service's words, what to fix, or what is being waited for
 * @param errorCode the last failure's error code, null without one
 * @param changeIds log changes already matched to this record's sends
 * @param earlierAction what an earlier send achieved although its change failed (e.g. {@code create} before an
 *        unresolved manager), null otherwise
 * @param decidedAt when the outcome was decided
 * @param heldChange a change whose entry shows a skipped manager, seen but not decided yet (its follow-up, written
 *        seconds later, may not be visible yet); null otherwise
 * @param heldSince when {@code heldChange} was first seen
 */
public record RecordState(String externalId, long position, int attempt, Instant sentAt, Status status,
        RecordOutcome outcome, String detail, String errorCode, List<String> changeIds, String earlierAction,
        Instant decidedAt, String heldChange, Instant heldSince) {

    public enum Status {
        PENDING, RESEND, FINAL
    }

    public RecordState {
        changeIds = changeIds == null ? List.of() : List.copyOf(changeIds);
    }

    static RecordState sent(String externalId, long position, int attempt, Instant sentAt, String detail,
            List<String> changeIds, String earlierAction) {
        return new RecordState(externalId, position, attempt, sentAt, Status.PENDING, null, detail, null, changeIds,
                earlierAction, null, null, null);
    }

    RecordState decided(Status status, RecordOutcome outcome, String detail, String errorCode, String changeId,
            String earlierAction, Instant now) {
        List<String> changes = new ArrayList<>(changeIds);
        if (changeId != null) {
            changes.add(changeId);
        }
        return new RecordState(externalId, position, attempt, sentAt, status, outcome, detail, errorCode, changes,
                earlierAction, now, null, null);
    }

    RecordState decidedBy(Status status, RecordOutcome outcome, String detail, String errorCode,
            List<String> newChangeIds,
            String earlierAction, Instant now) {
        List<String> changes = new ArrayList<>(changeIds);
        changes.addAll(newChangeIds);
        return new RecordState(externalId, position, attempt, sentAt, status, outcome, detail, errorCode, changes,
                earlierAction, now, null, null);
    }

    /** Still pending, holding {@code changeId} (first seen {@code since}) until its follow-up had time to appear. */
    RecordState holding(String changeId, Instant since) {
        return new RecordState(externalId, position, attempt, sentAt, status, outcome, detail, errorCode, changeIds,
                earlierAction, decidedAt, changeId, since);
    }

    boolean done() {
        return status == Status.FINAL;
    }
}
