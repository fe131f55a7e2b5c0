package io.entrasync.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/** One HTTP request/response with the helpers every endpoint needs. */
final class Exchange {
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    final HttpExchange http;
    final String requestId = UUID.randomUUID().toString();
    private final ObjectMapper mapper;
    private int status;

    Exchange(HttpExchange http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
        String clientRequestId = http.getRequestHeaders().getFirst("client-request-id");
        http.getResponseHeaders().set("request-id", requestId);
        http.getResponseHeaders().set("client-request-id", clientRequestId != null ? clientRequestId : requestId);
    }

    String method() {
        return http.getRequestMethod();
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    int status() {
        return status;
    }

    byte[] body() throws IOException {
        try (InputStream in = http.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new EmulatorException(413, "RequestEntityTooLarge", "The request body is larger than 16 MiB.");
            }
            return bytes;
        }
    }

    JsonNode jsonBody() throws IOException {
        byte[] bytes = body();
        if (bytes.length == 0) {
            return mapper.nullNode();
        }
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            throw EmulatorException.badRequest("The request body is not valid JSON: " + e.getMessage());
        }
    }

    /** Query parameters, decoded; a repeated parameter is a 400. */
    Map<String, String> query() {
        return decodeForm(http.getRequestURI().getRawQuery());
    }

    static Map<String, String> decodeForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(k, v) != null) {
                throw EmulatorException.badRequest("Query parameter '" + k + "' is given more than once.");
            }
        }
        return out;
    }

    void sendJson(int code, JsonNode json) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(json);
        http.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        send(code, bytes);
    }

    /** A non-JSON body, e.g. the HTML page a gateway sends. */
    void sendText(int code, String contentType, String body) throws IOException {
        http.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        send(code, body.getBytes(StandardCharsets.UTF_8));
    }

    void sendEmpty(int code) throws IOException {
        status = code;
        http.sendResponseHeaders(code, -1);
        http.close();
    }

    void sendError(EmulatorException e) throws IOException {
        if (e.retryAfterSeconds() >= 0) {
            http.getResponseHeaders().set("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        sendJson(e.status(), graphError(e.code(), e.getMessage()));
    }

    /** The Graph error shape: {"error":{"code","message","innerError":{"request-id","date"}}}. */
    ObjectNode graphError(String code, String message) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        inner.put("request-id", requestId);
        inner.put("client-request-id", http.getResponseHeaders().getFirst("client-request-id"));
        return root;
    }

    private void send(int code, byte[] bytes) throws IOException {
        status = code;
        http.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(bytes);
            }
        }
        http.close();
    }
}
