package io.entrasync.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * An HR API (or the gateway before it) answering an error with an endless page: the connector keeps only what a
 * message quotes, by the Graph client's rule (64 KiB, then the connection is closed), instead of spooling it all to
 * disk. A JDK server, as {@code ErrorBodyHandlerTest} uses for the Graph side.
 */
class ErrorBodyCapTest {

    private static final long ENDLESS = 1L << 40;

    private HttpServer server;
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/people", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(400, 0); // chunked, no end announced
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            byte[] title = "<html><title>Bad filter</title>".getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(title);
                while (bytesWritten.get() < ENDLESS) {
                    out.write(chunk);
                    bytesWritten.addAndGet(chunk.length);
                }
            } catch (IOException clientWentAway) {
                // expected: the client stopped reading and closed the connection
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anEndlessErrorPageEndsTheReadWithItsBeginningQuotedAndIsNotReadFurther() {
        ApiSettings settings = ApiSettings.builder("hr").baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .path("/people").recordsPath("items").idField("id").http(ApiStub.fastHttp()).build();

        ApiStub.Outcome outcome = ApiStub.drain(new RestSource(settings), Optional.empty());

        assertThat(outcome.failure()).hasMessageContaining("400").hasMessageContaining("<html><title>Bad filter");
        assertThat(outcome.watermark()).isEmpty();
        assertThat(requests.get()).as("a 400 is not retried").isEqualTo(1);
        // the server can only have written what the socket buffers took before the client closed the connection
        assertThat(bytesWritten.get()).isLessThan(64L * 1024 * 1024);
    }
}
