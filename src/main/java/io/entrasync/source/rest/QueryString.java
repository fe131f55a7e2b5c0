package io.entrasync.source.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
