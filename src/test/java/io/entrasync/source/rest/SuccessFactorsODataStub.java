package io.entrasync.source.rest;

import static io.entrasync.support.HttpAnswers.send;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A SuccessFactors OData v2 {@code User} entity that behaves like the real one on the points the connector depends
 * on, evaluating the query itself rather than matching expected URLs:
 * <ul>
 * <li><b>Active users only unless the filter names a status.</b> SAP KBA 2736579: "A query without $filter or key
 * predicate will only return active users in status t and T"; KBA 3575859: the implicit filter is
 * {@code status in 't','T'} and-ed to the query's own filter when that has no status clause. Status values t, f, T, F,
 * e, d (KBA 2736579).</li>
 * <li><b>The filter</b>: clauses joined by {@code and}, each optionally in parentheses: {@code status in 'a','b'},
 * {@code lastModifiedDateTime gt datetimeoffset'…'}, {@code <property> eq '…'}. Anything else (an {@code or}) is
 * answered 400, as an unsupported query would be.</li>
 * <li><b>Snapshot paging</b> (KBA 3308165, 2489065): {@code paging=snapshot}, {@code customPageSize}, the result list
 * fixed at the first request, {@code d.__next} an absolute URL with a {@code $skiptoken}.</li>
 * <li><b>Sessions</b> (KBA 3308165): a request without a known session cookie logs in anew and gets
 * {@code Set-Cookie} and, when it asked with {@code X-CSRF-Token: Fetch}, an {@code X-CSRF-Token}; logins are
 * counted.</li>
 * <li>HTTP basic auth; 401 without it. Entities carry {@code __metadata}; dates are {@code /Date(ms+0000)/}.</li>
 * </ul>
 */
final class SuccessFactorsODataStub implements AutoCloseable {

    static final String PATH = "/odata/v2/User";
    private static final String SF_JSON = "application/json;charset=utf-8";
    private static final Set<String> IMPLICIT_STATUSES = Set.of("t", "T");
    private static final Pattern STATUS_IN = Pattern.compile("status\\s+in\\s+(.+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MODIFIED_GT = Pattern.compile(
            "lastModifiedDateTime\\s+gt\\s+datetimeoffset'([^']+)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern EQ = Pattern.compile("(\\w+)\\s+eq\\s+'([^']*)'");

    /** One user as the HR system holds it. */
    record User(String userId, String status, String department, Instant lastModified) {
    }

    private final HttpServer server;
    private final String authorization;
    private final List<User> users = new CopyOnWriteArrayList<>();
    private final Map<String, List<User>> snapshots = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    /** Every request's raw query, in order. */
    final List<String> queries = new CopyOnWriteArrayList<>();
    /** Every request's X-CSRF-Token header (empty text when absent). */
    final List<String> csrfHeaders = new CopyOnWriteArrayList<>();

    SuccessFactorsODataStub(String username, String password) throws IOException {
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/odata/v2";
    }

    void add(User user) {
        users.add(user);
    }

    /** Server-side sessions created so far (one per login). */
    int logins() {
        return logins.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawQuery = exchange.getRequestURI().getRawQuery();
            queries.add(rawQuery == null ? "" : rawQuery);
            csrfHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-CSRF-Token")).replace("null", ""));
            if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, SF_JSON,
                        "{\"error\":{\"code\":\"LGN0011\",\"message\":{\"value\":\"Invalid login\"}}}");
                return;
            }
            session(exchange);
            Map<String, String> query = parse(rawQuery);
            List<User> result;
            String skiptoken = query.get("$skiptoken");
            if (skiptoken != null) {
                result = snapshots.remove(skiptoken);
                if (result == null) {
                    send(exchange, 400, SF_JSON, "{\"error\":{\"message\":{\"value\":\"invalid $skiptoken\"}}}");
                    return;
                }
            } else {
                try {
                    result = select(query.getOrDefault("$filter", ""));
                } catch (IllegalArgumentException e) {
                    send(exchange, 400, SF_JSON, "{\"error\":{\"code\":\"COE_GENERAL_BAD_REQUEST\",\"message\":"
                            + "{\"value\":\"" + e.getMessage() + "\"}}}");
                    return;
                }
            }
            int pageSize = Integer.parseInt(query.getOrDefault("customPageSize", "1000"));
            List<User> page = result.subList(0, Math.min(pageSize, result.size()));
            String next = null;
            if (result.size() > pageSize) {
                String token = "snap" + snapshots.size() + "-" + System.nanoTime();
                snapshots.put(token, new ArrayList<>(result.subList(pageSize, result.size())));
                next = baseUrl() + "/User?$format=json&paging=snapshot&customPageSize=" + pageSize + "&$skiptoken="
                        + token;
            }
            String body = "{\"d\":{\"results\":[" + page.stream().map(this::json).collect(Collectors.joining(","))
                    + "]" + (next == null ? "" : ",\"__next\":\"" + next + "\"") + "}}";
            send(exchange, 200, SF_JSON, body);
        }
    }

    private void session(HttpExchange exchange) {
        String cookie = exchange.getRequestHeaders().getFirst("Cookie");
        Matcher id = cookie == null ? null : Pattern.compile("JSESSIONID=([^;]+)").matcher(cookie);
        if (id != null && id.find() && sessions.containsKey(id.group(1))) {
            return;
        }
        String sessionId = "S" + logins.incrementAndGet();
        String token = "csrf-" + sessionId;
        sessions.put(sessionId, token);
        exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + sessionId + "; Path=/; Secure; HttpOnly");
        exchange.getResponseHeaders().add("Set-Cookie", "BIGipServer=pool1; Path=/");
        if ("fetch".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-CSRF-Token"))) {
            exchange.getResponseHeaders().add("X-CSRF-Token", token);
        }
    }

    private List<User> select(String filter) {
        Set<String> statuses = IMPLICIT_STATUSES;
        Instant modifiedAfter = null;
        Map<String, String> equals = new LinkedHashMap<>();
        if (!filter.isBlank()) {
            if (Pattern.compile("\\bor\\b", Pattern.CASE_INSENSITIVE).matcher(filter).find()) {
                throw new IllegalArgumentException("this stub does not evaluate 'or'");
            }
            for (String clause : filter.split("(?i)\\s+and\\s+", -1)) {
                String c = clause.trim();
                while (c.startsWith("(") && c.endsWith(")")) {
                    c = c.substring(1, c.length() - 1).trim();
                }
                Matcher statusIn = STATUS_IN.matcher(c);
                Matcher modifiedGt = MODIFIED_GT.matcher(c);
                Matcher eq = EQ.matcher(c);
                if (statusIn.matches()) {
                    statuses = Set.of(statusIn.group(1).replace("'", "").replace(" ", "").split(",", -1));
                } else if (modifiedGt.matches()) {
                    modifiedAfter = OffsetDateTime.parse(modifiedGt.group(1)).toInstant();
                } else if (eq.matches()) {
                    equals.put(eq.group(1), eq.group(2));
                } else {
                    throw new IllegalArgumentException("cannot evaluate the clause [" + c + "]");
                }
            }
        }
        List<User> selected = new ArrayList<>();
        for (User u : users) {
            boolean keep = statuses.contains(u.status())
                    && (modifiedAfter == null || u.lastModified().isAfter(modifiedAfter))
                    && equals.entrySet().stream().allMatch(e -> e.getKey().equals("department")
                            ? e.getValue().equals(u.department()) : e.getKey().equals("userId")
                            && e.getValue().equals(u.userId()));
            if (keep) {
                selected.add(u);
            }
        }
        return selected;
    }

    private String json(User u) {
        return """
                {"__metadata":{"uri":"%s/User('%s')","type":"SFOData.User"},"userId":"%s","firstName":"First %s",\
                "lastName":"Last","email":"%s@acme.example","department":"%s","status":"%s",\
                "lastModifiedDateTime":"/Date(%d+0000)/"}""".formatted(baseUrl(), u.userId(), u.userId(), u.userId(),
                u.userId(), u.department(), u.status(), u.lastModified().toEpochMilli());
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }


    @Override
    public void close() {
        server.stop(0);
    }
}
