package io.entrasync.emulator;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One provisioningObjectSummary: the fields the filters need, and the JSON the API returns.
 *
 * @param sequence  order of creation; the API lists newest first and pages by it
 * @param visibleAt when the entry appears in {@code GET /auditLogs/provisioning} (processing time + log delay)
 * @param json      the entry exactly as served
 */
public record LogEntry(long sequence, String id, Instant activityDateTime, Instant visibleAt, String jobId,
                       String cycleId, String changeId, String sourceId, String provisioningAction, String status,
                       ObjectNode json) {

    /** The errorCode of a failure, or null. */
    public String errorCode() {
        var code = json.path("provisioningStatusInfo").path("errorInformation").path("errorCode");
        return code.isTextual() ? code.textValue() : null;
    }
}
