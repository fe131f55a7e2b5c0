package io.entrasync.reconcile;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.graph.CallStats;
import io.entrasync.upload.DailyQuota;
import io.entrasync.upload.UploadSettings;

/**
 * What the status page shows for one source: its last run reports (upload and service outcomes), the open failures,
 * the quota over the last 24 hours and the provisioning job's state as Graph reports it now.
 *
 * @param source the source
 * @param generatedAt when this was read
 * @param reports the last runs' report.json, newest first
 * @param status the reconciled runs and open failures ({@code status --source})
 * @param quota the quota now; empty when it could not be read
 * @param usedByHour calls per hour over the last 24 hours, oldest first (may be empty)
 * @param jobId the source's provisioning job
 * @param job the job's state; code {@code unknown} with the error when it could not be read
 */
public record StatusOverview(String source, Instant generatedAt, List<JsonNode> reports, StatusReport status,
        Optional<DailyQuota.Usage> quota, List<Integer> usedByHour, String jobId, JobStatus job) {

    static StatusOverview collect(StatusReport status, UploadSettings upload, GraphAccess graph,
            BlobContainerClient processed, ObjectMapper mapper, int runs, Instant now) throws InterruptedException {
        List<JsonNode> reports = lastReports(processed, status.source(), runs, mapper);
        Optional<DailyQuota.Usage> usage = Optional.empty();
        List<Integer> byHour = List.of();
        try {
            DailyQuota quota = graph.quota(upload);
            usage = Optional.of(quota.usage());
            byHour = quota.usedByHour();
        } catch (RuntimeException e) {
            // shown as "not known" on the page
        }
        JobStatus job;
        try {
            job = JobStatus.read(graph.graph(upload), upload.target(), mapper, new CallStats());
        } catch (RuntimeException e) {
            job = JobStatus.unreadable(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return new StatusOverview(status.source(), now, reports, status, usage, byHour, upload.target().jobId(), job);
    }

    private static List<JsonNode> lastReports(BlobContainerClient processed, String source, int runs,
            ObjectMapper mapper) {
        List<String> names = new ArrayList<>();
        for (BlobItem item : processed.listBlobs(new ListBlobsOptions().setPrefix(source + "/"), null)) {
            if (item.getName().endsWith(".report.json")) {
                names.add(item.getName());
            }
        }
        names.sort(Comparator.reverseOrder()); // <source>/<runId>/...: run ids start with their UTC time
        List<JsonNode> reports = new ArrayList<>();
        for (String name : names.subList(0, Math.min(runs, names.size()))) {
            try {
                reports.add(mapper.readTree(processed.getBlobClient(name).downloadContent().toBytes()));
            } catch (IOException | RuntimeException e) {
                // a report being rewritten right now is shown at the next look
            }
        }
        return reports;
    }
}
