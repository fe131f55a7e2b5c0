package io.entrasync.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.entrasync.source.rest.ApiAuth;
import io.entrasync.source.rest.ApiPresets;
import io.entrasync.source.rest.ApiSettings;
import io.entrasync.source.rest.HttpSettings;
import io.entrasync.source.rest.PagingSettings;
import io.entrasync.source.rest.RestSource;

/**
 * A SCIM 2.0 service provider's {@code GET /Users}, answering as SCIMMY does (scimmyjs/scimmy,
 * src/lib/messages/listresponse.js: {@code {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
 * "totalResults":…,"Resources":[…],"startIndex":…,"itemsPerPage":…}}, RFC 7644 §3.4.2), with 1-based
 * {@code startIndex}/{@code count} paging (§3.4.2.4) and the {@code filter=meta.lastModified gt "…"} the {@code scim}
 * preset sends (§3.4.2.2). Users carry the enterprise extension, whose {@code manager.value} is the manager's
 * {@code id} (RFC 7643 §4.3), never its externalId.
 */
final class ScimServerStub implements AutoCloseable {

    static final String ENTERPRISE = ApiPresets.SCIM_ENTERPRISE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SINCE = Pattern.compile("meta\\.lastModified gt \"([^\"]+)\"");

    private final HttpServer server;
    private final Map<String, ObjectNode> users = new LinkedHashMap<>();
    /** The number of Resources each answer carried, in order. */
    final List<Integer> served = new CopyOnWriteArrayList<>();
    private Instant clock = Instant.parse("2026-11-01T08:00:00Z");

    ScimServerStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/scim/v2/Users", this::list);
        server.start();
    }

    /**
     * Adds or changes a user (its lastModified moves on), in list order.
     *
     * @param managerId the manager's SCIM {@code id}, or null for none
     */
    synchronized ScimServerStub user(String id, String externalId, String managerId, String department) {
        clock = clock.plus(Duration.ofMinutes(5));
        ObjectNode user = JSON.createObjectNode();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User").add(ENTERPRISE);
        user.put("id", id);
        user.put("externalId", externalId);
        user.put("userName", externalId.toLowerCase(Locale.ROOT) + "@acme.example");
        user.putObject("name").put("givenName", "Given " + externalId).put("familyName", "Family");
        user.putArray("emails").addObject().put("value", externalId.toLowerCase(Locale.ROOT) + "@acme.example")
                .put("type", "work").put("primary", true);
        user.put("active", true);
        ObjectNode enterprise = user.putObject(ENTERPRISE);
        enterprise.put("employeeNumber", externalId).put("department", department);
        if (managerId != null) {
            enterprise.putObject("manager").put("value", managerId).put("$ref", "../Users/" + managerId);
        }
        user.putObject("meta").put("resourceType", "User").put("created", "2026-01-01T00:00:00Z")
                .put("lastModified", clock.toString()).put("location", "/scim/v2/Users/" + id);
        users.put(id, user);
        return this;
    }

    /** The base URL the {@code scim} preset's {@code /Users} path goes under. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/scim/v2";
    }

    /** Sets a user's display name. */
    synchronized ScimServerStub displayName(String id, String displayName) {
        users.get(id).put("displayName", displayName);
        return this;
    }

    /** A source of the {@code scim} preset reading this server, two users per page. */
    RestSource source(String name) {
        ApiSettings.Builder builder = ApiPresets.builder(ApiPresets.SCIM, name);
        PagingSettings paging = builder.paging();
        return new RestSource(builder.baseUrl(baseUrl())
                .auth(new ApiAuth.ApiKey("Authorization", "Bearer ", "scim-token"))
                .paging(new PagingSettings(paging.style(), 2, paging.pageSizeParam(), "", "", "",
                        paging.offsetParam(), paging.totalPath(), paging.hasMorePath(), 1))
                .http(new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(20), 3, Duration.ofMillis(10),
                        Duration.ofMillis(40), Duration.ofSeconds(30)))
                .build());
    }

    private synchronized void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Instant since = Instant.MIN;
        Matcher filter = SINCE.matcher(query.getOrDefault("filter", ""));
        if (filter.matches()) {
            since = Instant.parse(filter.group(1));
        }
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode user : users.values()) {
            if (Instant.parse(user.path("meta").path("lastModified").asText()).isAfter(since)) {
                matching.add(user);
            }
        }
        int startIndex = Integer.parseInt(query.getOrDefault("startIndex", "1"));
        int count = Integer.parseInt(query.getOrDefault("count", "20"));
        ObjectNode page = JSON.createObjectNode();
        page.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        page.put("totalResults", matching.size());
        ArrayNode resources = page.putArray("Resources");
        matching.stream().skip(startIndex - 1L).limit(count).forEach(resources::add);
        page.put("startIndex", startIndex);
        page.put("itemsPerPage", count);
        served.add(resources.size());
        byte[] body = JSON.writeValueAsBytes(page);
        exchange.getResponseHeaders().add("Content-Type", "application/scim+json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&", -1)) {
                int at = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
