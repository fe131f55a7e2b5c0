package io.entrasync.emulator;

import java.util.Map;

/**
 * What {@code GET /_emulator/stats} shows.
 *
 * @param calls     bulkUpload calls by how they were answered
 * @param records   provisioning log entries: provisioningAction → status → count
 * @param decisions what the service decided per operation: create, update, enable, disable, skip, failed → count
 * @param users     users in the directory
 * @param pendingUploads accepted uploads not processed yet (processing delay, or staged while quarantined)
 */
public record EmulatorStats(Calls calls, Map<String, Map<String, Long>> records, Map<String, Long> decisions,
                            int users, int pendingUploads) {

    /**
     * @param accepted  answered 202
     * @param throttled answered 429 (window, quota or injected)
     * @param rejected  answered 4xx other than 429 (validation, auth, unknown job)
     * @param failed    injected 500/503 answers and dropped connections
     */
    public record Calls(long accepted, long throttled, long rejected, long failed) {
    }

    /** Count of log entries with this action and status. */
    public long records(String action, String status) {
        return records.getOrDefault(action, Map.of()).getOrDefault(status, 0L);
    }

    public long decisions(String decision) {
        return decisions.getOrDefault(decision, 0L);
    }
}
