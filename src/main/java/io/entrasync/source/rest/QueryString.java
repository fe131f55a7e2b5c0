package io.entrasync.source.rest;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Builds request URLs. Spaces become {@code %20} (not {@code +}); OData's {@code $ ' : , ( )} stay readable. */
final class QueryString {

    private QueryString() {
    }

    static URI uri(String base, Map<String, String> params) {
        if (params.isEmpty()) {
            return URI.create(base);
        }
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(base + (base.contains("?") ? "&" : "?") + query);
    }

    static String join(URI baseUrl, String path) {
        String base = baseUrl.toString();
        if (path == null || path.isEmpty()) {
            return base;
        }
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    /**
     * Whether two URLs name the same page: same origin and path, and the same query parameters in any order (a server's
     * {@code Link: rel="last"} may order them differently from the request this read built).
     */
    static boolean sameAddress(URI a, URI b) {
        return HttpFetcher.origin(a).equals(HttpFetcher.origin(b))
                && Objects.equals(a.getRawPath(), b.getRawPath())
                && params(a).equals(params(b));
    }

    private static List<String> params(URI uri) {
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(query.split("&")).map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).sorted()
                .toList();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%24", "$")
                .replace("%27", "'")
                .replace("%3A", ":")
                .replace("%2C", ",")
                .replace("%28", "(")
                .replace("%29", ")");
    }
}
