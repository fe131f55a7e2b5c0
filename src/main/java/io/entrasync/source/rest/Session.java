package io.entrasync.source.rest;

import java.net.HttpCookie;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server session of one read, for APIs that recommend reusing it across pages. SAP KBA 3308165 (SuccessFactors
 * snapshot pagination): "The first successful login returns a header, Set-Cookie and a CSRF token named X-CSRF-Token.
 * Store the value of the cookie and CSRF token … and use them in subsequent requests to reuse the session." The
 * first request asks for the token ({@code X-CSRF-Token: Fetch}); every cookie is sent back (SAP KBA 3339155: send
 * back all cookies, never pick them by name). Requests only go to the configured origin, so neither leaves it.
 */
class Session {

    /** No session reuse: nothing is added or kept. */
    static final Session NONE = new Session() {
        @Override
        void addTo(HttpRequest.Builder request) {
        }

        @Override
        void remember(HttpHeaders headers) {
        }
    };

    static final String CSRF_HEADER = "X-CSRF-Token";

    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;

    static Session forRead(ApiSettings settings) {
        return settings.sessionReuse() ? new Session() : NONE;
    }

    void addTo(HttpRequest.Builder request) {
        request.setHeader(CSRF_HEADER, csrfToken == null ? "Fetch" : csrfToken);
        if (!cookies.isEmpty()) {
            request.setHeader("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
    }

    void remember(HttpHeaders headers) {
        headers.firstValue(CSRF_HEADER).filter(t -> !t.isBlank() && !t.equalsIgnoreCase("Required"))
                .ifPresent(t -> csrfToken = t);
        for (String header : headers.allValues("Set-Cookie")) {
            try {
                for (HttpCookie cookie : HttpCookie.parse(header)) {
                    if (cookie.getMaxAge() == 0) {
                        cookies.remove(cookie.getName());
                    } else {
                        cookies.put(cookie.getName(), cookie.getValue());
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // a cookie the JDK cannot parse is not sent back
            }
        }
    }
}
