package io.entrasync.auth;

import static io.entrasync.support.HttpAnswers.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;
import io.entrasync.support.ManagedIdentityProbe;
import io.entrasync.support.ManagedIdentityProbe.Asker;

/**
 * The managed-identity source against a real HTTP stub of the App Service / Functions identity endpoint
 * ({@code IDENTITY_ENDPOINT} + {@code X-IDENTITY-HEADER}, answering like the platform: a JSON token, a front end's
 * HTML 502 page, a JSON error), run through azure-identity in a child JVM by {@link ManagedIdentityProbe} (it reads
 * the endpoint from the process environment only). A blip is retried and gets a token; what still fails is transient
 * when the endpoint answered 5xx or did not answer, so the Graph client retries it (and charges no quota), and not
 * transient when the endpoint refused the identity.
 */
class ManagedIdentityEndpointErrorsTest {

    private static final String HEADER = "stub-identity-header";
    /** What an Azure Application Gateway / front end serves with a 502. */
    private static final String BAD_GATEWAY_HTML = "<html><head><title>502 Bad Gateway</title></head><body><center>"
            + "<h1>502 Bad Gateway</h1></center></body></html>";

    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    /** Answers 502 HTML for the first {@code failures} requests, then {@code then} (200 = a token) for every other. */
    private String identityEndpoint(int failures, int then, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/msi/token", exchange -> {
            int n = requests.incrementAndGet();
            if (!HEADER.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
                send(exchange, 401, "application/json", "{\"statusCode\":401,\"message\":\"Unauthorized\"}");
            } else if (n <= failures) {
                send(exchange, 502, "text/html", BAD_GATEWAY_HTML);
            } else if (then == 200) {
                send(exchange, 200, "application/json", "{\"access_token\":\"stub-token-" + n + "\",\"expires_on\":\""
                        + Instant.now().plusSeconds(3600).getEpochSecond() + "\",\"resource\":"
                        + "\"https://graph.microsoft.com\",\"token_type\":\"Bearer\",\"client_id\":\"stub-client\"}");
            } else if (then == 400) {
                send(exchange, 400, "application/json", "{\"error\":\"invalid_request\",\"error_description\":"
                        + "\"Unable to load the proper Managed Identity.\"}");
            } else {
                send(exchange, then, "text/html", BAD_GATEWAY_HTML);
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/msi/token";
    }


    @Test
    void theIdentityEndpointsFailuresAreRetriedOrReportedAsTransientOrNot() throws Exception {
        AtomicInteger blip = new AtomicInteger();
        AtomicInteger outage = new AtomicInteger();
        AtomicInteger refusal = new AtomicInteger();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // four child JVMs at once: each spends most of its time starting
        CompletableFuture<List<String>> afterBlip = probe(identityEndpoint(1, 200, blip));
        CompletableFuture<List<String>> duringOutage = probe(identityEndpoint(Integer.MAX_VALUE, 502, outage));
        CompletableFuture<List<String>> refused = probe(identityEndpoint(0, 400, refusal));
        CompletableFuture<List<String>> noEndpoint = probe("http://127.0.0.1:" + closedPort + "/msi/token");

        // one 502 page, then a token: retried within the fetch, the run never sees it
        assertThat(afterBlip.get(3,
                TimeUnit.MINUTES)).contains("cached=true").anyMatch(l -> l.startsWith("token=stub-token-"));
        assertThat(blip.get()).isEqualTo(2);

        // 502 on every try: a transient failure that names the status, not the page's markup
        assertThat(duringOutage.get(3, TimeUnit.MINUTES)).contains("transient=true").anySatisfy(line -> assertThat(line)
                .startsWith("error=").contains("answered 502").contains("it is retried").doesNotContain("<html"));
        assertThat(outage.get()).isGreaterThan(1);

        // nothing listening: transient too
        assertThat(noEndpoint.get(3, TimeUnit.MINUTES)).contains("transient=true").anySatisfy(line -> assertThat(line)
                .startsWith("error=").contains("did not answer").contains("Connection refused"));

        // the identity is refused: not transient, with the endpoint's reason and what to check
        assertThat(refused.get(3, TimeUnit.MINUTES)).contains("transient=false").anySatisfy(line -> assertThat(line)
                .startsWith("error=").contains("Unable to load the proper Managed Identity")
                .contains("check that the identity is enabled"));
        assertThat(refusal.get()).isEqualTo(1);
    }

    private static CompletableFuture<List<String>> probe(String endpoint) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ManagedIdentityProbe.run(Asker.APP, endpoint, HEADER).lines();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
