package io.entrasync.functions.customhandler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;

import io.entrasync.support.CapturedLogs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The custom handler has limits (issue 29): a body past {@code sync.custom-handler.max-body-bytes} (4 MiB by default)
 * is answered 413 while it is still arriving, never kept; connections that send no whole request within
 * {@code sync.custom-handler.read-timeout} (2 s in {@link CustomHandlerResource}) are closed; and an Event Grid subject
 * carrying a newline or ESC reaches no log line raw. Raw sockets, because a well-behaved client cannot half-send.
 */
@QuarkusTest
@QuarkusTestResource(value = CustomHandlerResource.class, restrictToAnnotatedClass = true)
class CustomHandlerLimitsTest {

    private static final long HUNDRED_MB = 100L * 1024 * 1024;

    @Inject
    CustomHandlerServer server;

    @Inject
    BlobServiceClient blobs;

    private int port;

    @BeforeEach
    void start() {
        port = server.start(0);
    }

    @Test
    void aHundredMegabyteBodyIsAnswered413WhileItIsStillBeingSentAndTheConnectionIsClosed() throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(String.join("\r\n", "POST /inboundFile HTTP/1.1", "Host: 127.0.0.1",
                    "Content-Type: application/json", "Transfer-Encoding: chunked", "", "")
                    .getBytes(StandardCharsets.US_ASCII));
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> sendChunked(out, sent));

            String answer = readAll(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 413").contains("sync.custom-handler.max-body-bytes");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(sender::isDone);
            assertThat(sender).isCompletedExceptionally(); // the server stopped reading and closed the connection
            assertThat(sent.get()).as("bytes the client got to send").isLessThan(HUNDRED_MB);
        }
    }

    @Test
    void aBodyThatDeclaresMoreThanTheLimitIsRefusedBeforeItIsSent() throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
            socket.getOutputStream().write(("POST /inboundFile HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                    + HUNDRED_MB + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));

            assertThat(readAll(socket.getInputStream())).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void halfSentRequestsAndIdleConnectionsAreClosedAfterTheReadTimeout() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (String start : List.of("", "POST /inbou", "POST /inboundFile HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                    "POST /inboundFile HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{\"Data\":")) {
                Socket socket = connect();
                socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
                socket.setSoTimeout(200);
                sockets.add(socket);
            }

            for (Socket socket : sockets) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> closedByServer(socket));
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void anEventSubjectWithANewlineOrEscIsLoggedEscapedAndTheBlobIsRefused() throws Exception {
        String hostile = "hr/x\\u001b]0;pwned\\u0007\\n2026-12-07 00:00:00,000 INFO [x] FORGED LINE.csv";
        String request = new String(CustomHandlerLimitsTest.class.getResourceAsStream(
                "/custom-handler/inboundFile-event-grid.json").readAllBytes(), StandardCharsets.UTF_8)
                .replace("/containers/inbound/blobs/hr/workers.csv",
                        "/containers/" + CustomHandlerResource.INBOUND + "/blobs/" + hostile);
        byte[] body = request.getBytes(StandardCharsets.UTF_8);
        String answer;
        try (CapturedLogs logs = CapturedLogs.capture(); Socket socket = connect()) {
            socket.setSoTimeout((int) Duration.ofMinutes(2).toMillis());
            socket.getOutputStream().write(("POST /inboundFile HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            answer = readAll(socket.getInputStream());

            List<String> mentioning = logs.lines().stream().filter(line -> line.contains("pwned")).toList();
            assertThat(mentioning).as("log lines about the blob").isNotEmpty()
                    .allSatisfy(line -> assertThat(line).doesNotContain("\u001b", "\u0007", "\n")
                            .contains("\\u001B]0;pwned\\u0007\\n2026-12-07"));
        }
        assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain("\u001b").contains("\\\\u001B]0;pwned");
        List<String> failed = blobs.getBlobContainerClient("failed-" + CustomHandlerResource.SUFFIX).listBlobs()
                .stream().map(BlobItem::getName).toList();
        assertThat(failed).anySatisfy(name -> assertThat(name).startsWith("refused/hr/x_]0;pwned__2026"))
                .allSatisfy(name -> assertThat(name.chars().noneMatch(Character::isISOControl)).as(name).isTrue());
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    private static void sendChunked(OutputStream out, AtomicLong sent) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            while (sent.get() < HUNDRED_MB) {
                out.write(head);
                out.write(chunk);
                out.write(new byte[] {'\r', '\n'});
                sent.addAndGet(chunk.length);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("the server closed the connection after " + sent.get() + " bytes", e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // a reset after the answer: what was read is the answer
        }
        return text.toString();
    }

    /** Whether the server closed {@code socket}: a read ends (-1 or a reset) instead of timing out. */
    private static boolean closedByServer(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
