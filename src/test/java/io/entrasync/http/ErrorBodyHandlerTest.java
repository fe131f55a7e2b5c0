package io.entrasync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.entrasync.graph.GraphClient;

/** {@link ErrorBodyHandler} over real HTTP (a JDK server): what it keeps of a body, and that it stops reading. */
class ErrorBodyHandlerTest {

    private static final long ENDLESS = 1L << 40;

    private HttpServer server;
    private final HttpClient http = GraphClient.newHttpClient(Duration.ofSeconds(5));
    private final AtomicLong endlessBytesWritten = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve("/error-utf8", 500, "text/plain; charset=utf-8", "aaa\u00e9".getBytes(StandardCharsets.UTF_8));
        serve("/ok-utf8", 200, "application/json", "aaa\u00e9aaa".getBytes(StandardCharsets.UTF_8));
        serve("/error-latin1", 400, "text/plain; Charset=\"ISO-8859-1\"",
                "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        server.createContext("/endless", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(502, 0); // chunked, no end announced
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            try (OutputStream out = exchange.getResponseBody()) {
                while (endlessBytesWritten.get() < ENDLESS) {
                    out.write(chunk);
                    endlessBytesWritten.addAndGet(chunk.length);
                }
            } catch (IOException clientWentAway) {
                // expected: the client stopped reading and closed the connection
            }
        });
        server.start();
    }

    private void serve(String path, int status, String contentType, byte[] body) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String read(String path, int limit) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).build(), new ErrorBodyHandler(limit)).body();
    }

    @Test
    void anErrorBodyIsCutBeforeACharacterTheLimitSplits() throws Exception {
        // "aaaé" is 5 bytes in UTF-8; the limit of 4 splits the é's two bytes: it is left out, not garbled
        assertThat(read("/error-utf8", 4)).isEqualTo("aaa");
        assertThat(read("/error-utf8", 5)).isEqualTo("aaa\u00e9");
    }

    @Test
    void aSuccessBodyIsReadWhole() throws Exception {
        assertThat(read("/ok-utf8", 4)).isEqualTo("aaa\u00e9aaa");
    }

    @Test
    void theCharsetTheContentTypeNamesDecodesTheBody() throws Exception {
        assertThat(read("/error-latin1", 1024)).isEqualTo("caf\u00e9");
    }

    @Test
    void anEndlessErrorBodyEndsAtTheLimitAndIsNotReadFurther() throws Exception {
        String body = read("/endless", 64 * 1024);

        assertThat(body).hasSize(64 * 1024).matches("x+");
        // the server can only have written what the socket buffers took before the client closed the connection
        assertThat(endlessBytesWritten.get()).isLessThan(64L * 1024 * 1024);
    }
}
