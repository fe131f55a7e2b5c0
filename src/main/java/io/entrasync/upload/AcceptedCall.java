package io.entrasync.upload;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.entrasync.plan.RecordRef;

/**
 * A bulkUpload call the service accepted (202): which records went in it and when. What a ledger writes.
 *
 * @param batchIndex the batch's index in the plan; {@code batchIndex + 1} is where a resumed upload starts
 * @param bulkIdPrefix operation {@code i} of the call had bulkId {@code bulkIdPrefix + "-" + (i + 1)}
 * @param records the records in the call, in operation order
 * @param acceptedAt when the 202 arrived
 * @param attempts HTTP attempts it took (1 = no retry)
 * @param location the {@code Location} header (the provisioning-logs query for the job)
 */
public record AcceptedCall(int batchIndex, String bulkIdPrefix, List<RecordRef> records, Instant acceptedAt,
        int attempts, Optional<String> location) {

    public AcceptedCall {
        records = List.copyOf(records);
    }
}
