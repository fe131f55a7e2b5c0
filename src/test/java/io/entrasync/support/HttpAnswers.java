package io.entrasync.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

/** Answers of the JDK {@code HttpServer} stubs the tests run (HR APIs, identity endpoints). */
public final class HttpAnswers {

    private HttpAnswers() {
    }

    /** Answers {@code status} with {@code body} in UTF-8 as {@code contentType}, and ends the exchange. */
    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
