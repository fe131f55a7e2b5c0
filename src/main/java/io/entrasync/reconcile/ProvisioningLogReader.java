package io.entrasync.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.graph.CallGate;
import io.entrasync.graph.CallStats;
import io.entrasync.graph.GraphClient;

/**
 * Reads {@code GET {graph}/{version}/auditLogs/provisioning} for one job and one time window, page after page
 * ({@code @odata.nextLink}), every request through the reports pacer: one query per job and window, never one per
 * record.
 *
 * <p>Read through the source's {@link GraphClient} rather than a Quarkus REST client proxy: every page request must
 * enter the reports pacer inside the SmallRye FT guard's attempt (the page's retry is paced like its first try), the
 * next-page link is an opaque absolute URL, and reconciliation runs in plain tests without Quarkus, where no REST
 * client proxy exists (Quarkus generates them at build time). The page itself is bound to a typed record,
 * {@link ProvisioningLogPage}.
 */
final class ProvisioningLogReader {

    private final GraphClient graph;
    private final CallGate reportsGate;
    private final ObjectMapper mapper;

    ProvisioningLogReader(GraphClient graph, CallGate reportsGate, ObjectMapper mapper) {
        this.graph = graph;
        this.reportsGate = reportsGate;
        this.mapper = mapper;
    }

    /**
     * Every entry of {@code jobId} with {@code activityDateTime} after {@code from} (whole seconds, rounded down),
     * handed to {@code sink}.
     *
     * @return the entries read
     */
    long read(String graphUrl, String apiVersion, String jobId, Instant from, int pageSize, CallStats stats,
            Consumer<LogEntryView> sink) throws InterruptedException {
        String filter = "jobId eq '" + jobId.replace("'", "''") + "' and activityDateTime gt "
                + from.truncatedTo(ChronoUnit.SECONDS);
        URI next = URI.create(trimSlash(graphUrl) + "/" + apiVersion + "/auditLogs/provisioning?$filter="
                + encode(filter) + "&$top=" + pageSize);
        long entries = 0;
        while (next != null) {
            ProvisioningLogPage page = parse(graph.get(next, reportsGate, stats).body());
            for (JsonNode entry : page.entries()) {
                LogEntryView view = LogEntryView.parse(entry);
                if (view != null) {
                    entries++;
                    sink.accept(view);
                }
            }
            next = page.hasNext() ? URI.create(page.nextLink()) : null;
        }
        return entries;
    }

    private ProvisioningLogPage parse(String body) {
        try {
            return mapper.readValue(body == null || body.isBlank() ? "{}" : body, ProvisioningLogPage.class);
        } catch (IOException e) {
            throw new UncheckedIOException("The provisioning logs answered with something that is not a page of"
                    + " provisioning entries: " + e.getMessage(), e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
