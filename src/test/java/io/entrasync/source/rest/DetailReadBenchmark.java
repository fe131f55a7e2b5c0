package io.entrasync.source.rest;

import static io.entrasync.support.HttpAnswers.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.entrasync.source.SourceRow;

import com.sun.net.httpserver.HttpServer;

/**
 * Not part of the normal test run (surefire excludes *Benchmark*). 100,000 workers listed by offset/limit (1,000 a
 * page, with a stated total) from a local JDK HttpServer, then one detail call each (Dayforce's list-then-detail
 * shape): records per second, requests per record, and the heap, which must stay within -Xmx256m:
 * {@code ./mvnw -B -o test -Dtest=DetailReadBenchmark -DargLine=-Xmx256m -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dworkers=N} changes the size).
 */
class DetailReadBenchmark {

    private static final int WORKERS = Integer.getInteger("workers", 100_000);
    private static final int PAGE = 1_000;
    private static final String JSON = "application/json";

    @Test
    void aHundredThousandWorkersWithOneDetailCallEach() throws Exception {
        // The JDK HttpServer writes headers and body apart; without TCP_NODELAY, Nagle and the client's delayed ACK
        // add about 40 ms to every answer, which is the stub's cost, not the connector's.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        AtomicLong requests = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/workers", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/workers")) {
                int offset = Integer.parseInt(exchange.getRequestURI().getQuery().replaceAll(".*offset=(\\d+).*",
                        "$1"));
                StringBuilder page = new StringBuilder("{\"total\": " + WORKERS + ", \"items\": [");
                for (int i = offset; i < Math.min(WORKERS, offset + PAGE); i++) {
                    page.append(i == offset ? "" : ",").append("{\"id\": \"W").append(i).append("\"}");
                }
                send(exchange, 200, JSON, page.append("]}").toString());
            } else {
                String id = path.substring("/workers/".length());
                send(exchange, 200, JSON, "{\"id\": \"" + id + "\", \"givenName\": \"First\", \"familyName\": \"Last "
                        + id + "\", \"email\": \"" + id + "@contoso.example\", \"status\": \"Active\", \"manager\": "
                        + "{\"id\": \"W0\"}, \"address\": {\"city\": \"Lyon\", \"country\": \"FR\"}}");
            }
        });
        server.start();
        try {
            ApiSettings settings = ApiSettings.builder("bench")
                    .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                    .path("/workers")
                    .recordsPath("items")
                    .idField("id")
                    .paging(new PagingSettings(PagingStyle.OFFSET_LIMIT, PAGE, "limit", "", "", "", "offset",
                            Optional.of("total"), Optional.empty(), 1))
                    .detail(new DetailSettings("/workers/{id}", null, "", Optional.empty(), Optional.empty(),
                            true))
                    .http(new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 1, Duration.ofSeconds(1),
                            Duration.ofSeconds(1), Duration.ofSeconds(1)))
                    .build();
            long start = System.nanoTime();
            long count = 0;
            try (ApiRead read = new RestSource(settings).read(Optional.empty())) {
                while (read.hasNext()) {
                    if (read.next() instanceof SourceRow.Parsed) {
                        count++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d workers in %.1f s = %.0f records/s; %d requests = %.3f per record; max heap %d MiB,"
                    + " peak heap used %d MiB%n", count, seconds, count / seconds, requests.get(),
                    requests.get() / (double) count, Runtime.getRuntime().maxMemory() >> 20, peakHeapMiB());
            assertThat(count).isEqualTo(WORKERS);
        } finally {
            server.stop(0);
        }
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

}
