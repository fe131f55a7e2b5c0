package io.entrasync.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.entrasync.auth.AuthSettings;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.upload.BulkUploadTarget;
import io.entrasync.upload.PacingSettings;
import io.entrasync.upload.UploadEngine;
import io.entrasync.upload.UploadSettings;

/**
 * Plays the provisioning service over real HTTP with Microsoft's published log entries instead of an emulator's own
 * output: it accepts bulkUpload calls (202, like the service) and serves {@code GET /auditLogs/provisioning} from the
 * entries a test publishes — copies of the entries in {@code src/test/resources/reconcile/microsoft/}, their times
 * moved to after the test's sends. Filters as the reconciler uses them ({@code jobId eq}, {@code activityDateTime gt}),
 * newest first, paged by {@code $top} with an opaque {@code @odata.nextLink}.
 */
final class PublishedLogService implements AutoCloseable {

    static final String SERVICE_PRINCIPAL = "995aed29-05e3-4f1a-883e-f17b023d5c81";
    /** The job of Microsoft's sample. */
    static final String JOB = "API2AAD.ded4600b620e486eb6f18b4fc7166a5f.30242ce7-13d1-4d46-9cf1-a4fe5dcee2da";
    private static final Pattern JOB_FILTER = Pattern.compile("jobId eq '([^']*)'");
    private static final Pattern TIME_FILTER = Pattern.compile("activityDateTime gt (\\S+)");

    /** One accepted bulkUpload call: when, and the externalIds it carried. */
    record Upload(Instant at, String jobId, List<String> externalIds) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final List<ObjectNode> entries = new CopyOnWriteArrayList<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();

    PublishedLogService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    UploadSettings uploadSettings(String source, String jobId) {
        return new UploadSettings(source, new BulkUploadTarget(baseUrl(), "beta", SERVICE_PRINCIPAL, jobId),
                AuthSettings.clientSecret(baseUrl() + "/token", "test-client", "test-secret"), PacingSettings.DEFAULT,
                2000, "published-" + UUID.randomUUID(), new RetryPolicy(3, Duration.ofMillis(10),
                Duration.ofSeconds(2)),
                Duration.ofSeconds(5), Duration.ofSeconds(10), UploadEngine.DEFAULT_MAX_IN_FLIGHT);
    }

    List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    /** A copy of the published entry with this {@code id}. */
    ObjectNode sampleEntry(String id) {
        return PublishedEntries.entry(id);
    }

    /**
     * Publishes copies of these entries as the service's answer to a send at {@code sentAt} through {@code jobId}:
     * each cycle keeps its own spacing and starts a second after the send.
     */
    void publishAfter(Instant sentAt, String jobId, List<ObjectNode> published) {
        Map<String, Instant> cycleStart = new HashMap<>();
        for (ObjectNode entry : published) {
            Instant time = Instant.parse(entry.path("activityDateTime").asText());
            cycleStart.merge(entry.path("cycleId").asText(), time, (a, b) -> a.isBefore(b) ? a : b);
        }
        for (ObjectNode entry : published) {
            Instant time = Instant.parse(entry.path("activityDateTime").asText());
            Instant start = cycleStart.get(entry.path("cycleId").asText());
            entry.put("activityDateTime", sentAt.plusSeconds(1).plus(Duration.between(start, time)).toString());
            entry.put("jobId", jobId);
            entries.add(entry);
        }
    }

    /** The entry retold for another record: same shape and words, another externalId and a new changeId. */
    static ObjectNode retarget(ObjectNode entry, String externalId, String changeId, String cycleId) {
        ObjectNode copy = entry.deepCopy();
        ((ObjectNode) copy.path("sourceIdentity")).put("id", externalId);
        copy.put("changeId", changeId);
        copy.put("cycleId", cycleId);
        copy.put("id", UUID.randomUUID().toString());
        return copy;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/token")) {
                respond(exchange, 200, "{\"access_token\":\"published-log-service\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":3600}");
            } else if (method.equals("POST") && path.endsWith("/bulkUpload")) {
                JsonNode body = mapper.readTree(exchange.getRequestBody());
                List<String> ids = new ArrayList<>();
                body.path("Operations").forEach(op -> ids.add(op.path("data").path("externalId").asText()));
                String jobId = path.replaceAll(".*/jobs/([^/]+)/bulkUpload", "$1");
                uploads.add(new Upload(Instant.now(), jobId, ids));
                exchange.getResponseHeaders().add("Location", baseUrl()
                        + "/beta/auditLogs/provisioning/?$filter=jobid%20eq%20'"
                        + jobId + "'");
                exchange.sendResponseHeaders(202, -1);
            } else if (method.equals("GET") && path.endsWith("/auditLogs/provisioning")) {
                respond(exchange, 200, page(query(exchange.getRequestURI().getRawQuery())));
            } else if (method.equals("GET") && path.contains("/synchronization/jobs/")) {
                respond(exchange, 200, "{\"id\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\",\"status\":{"
                        + "\"code\":\"Active\"},\"schedule\":{\"state\":\"Active\"}}");
            } else {
                respond(exchange, 404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"" + path + "\"}}");
            }
        }
    }

    private String page(Map<String, String> query) throws IOException {
        String filter = query.getOrDefault("$filter", "");
        Matcher job = JOB_FILTER.matcher(filter);
        Matcher time = TIME_FILTER.matcher(filter);
        String jobId = job.find() ? job.group(1) : null;
        Instant after = time.find() ? Instant.parse(time.group(1)) : Instant.EPOCH;
        int top = Integer.parseInt(query.getOrDefault("$top", "50"));
        int skip = Integer.parseInt(query.getOrDefault("$skiptoken", "0"));
        List<ObjectNode> matching = entries.stream()
                .filter(e -> jobId == null || jobId.equals(e.path("jobId").asText()))
                .filter(e -> Instant.parse(e.path("activityDateTime").asText()).isAfter(after))
                .sorted(Comparator.comparing((ObjectNode e) -> Instant.parse(e.path("activityDateTime").asText()))
                        .reversed())
                .toList();
        ObjectNode page = mapper.createObjectNode();
        page.put("@odata.context", "https://graph.microsoft.com/beta/$metadata#auditLogs/provisioning");
        ArrayNode value = page.putArray("value");
        matching.stream().skip(skip).limit(top).forEach(value::add);
        if (skip + top < matching.size()) {
            page.put("@odata.nextLink", baseUrl() + "/beta/auditLogs/provisioning?$filter="
                    + ProvisioningLogReader.encode(filter) + "&$top=" + top + "&$skiptoken=" + (skip + top));
        }
        return mapper.writeValueAsString(page);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&", -1)) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
