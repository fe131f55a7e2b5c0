package io.entrasync.plan;

/**
 * A record left out of the plan because an earlier record in the same upload has the same externalId (the service's
 * behaviour for duplicates in one upload is undocumented, and the later one would overwrite the earlier).
 *
 * @param record the record left out
 * @param firstPosition where the record that is sent came from
 */
public record DuplicateRecord(RecordRef record, long firstPosition) {

    public String describe() {
        return "duplicate externalId " + record.externalId() + ": the record at position " + firstPosition
                + " has the same externalId and is the one sent; fix the source so each externalId appears once";
    }
}
