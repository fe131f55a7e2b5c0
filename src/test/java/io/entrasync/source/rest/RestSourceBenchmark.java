package io.entrasync.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;
import io.entrasync.source.SourceRow;


/**
 * Not part of the normal test run (surefire excludes *Benchmark*). Proves a single huge response (a Workday RaaS
 * report) is read record by record with a small heap, and measures throughput:
 * {@code ./mvnw -B -q test -Dtest=RestSourceBenchmark -DargLine=-Xmx64m -Dsurefire.failIfNoSpecifiedTests=false}
 */
class RestSourceBenchmark {

    private static final int RECORDS = Integer.getInteger("records", 300_000);

    @Test
    void oneHugeReportWithASmallHeap() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/report", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
                write(out, "{\"Report_Entry\": [");
                for (int i = 0; i < RECORDS; i++) {
                    write(out, (i == 0 ? "" : ",") + "{\"Employee_ID\": \"" + (100000 + i)
                            + "\", \"First_Name\": \"First\", \"Last_Name\": \"Last " + i
                            + "\", \"Email\": \"w" + i + "@acme.example\", \"Cost_Center\": \"CC 4100\","
                            + " \"Manager_group\": [{\"Manager_ID\": \"" + (100000 + i / 10) + "\"}],"
                            + " \"Address\": {\"City\": \"Lyon\", \"Country\": \"FR\", \"Postal_Code\": \"69001\"}}");
                }
                write(out, "]}");
            }
        });
        server.start();
        try {
            ApiSettings settings = ApiPresets.builder(ApiPresets.WORKDAY_RAAS, "bench")
                    .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/report")
                    .idField("Employee_ID")
                    .http(new HttpSettings(Duration.ofSeconds(5), Duration.ofMinutes(5), 1, Duration.ofSeconds(1),
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
            Runtime rt = Runtime.getRuntime();
            System.out.printf("%d records in %.2f s = %.0f records/s; max heap %d MiB, used at end %d MiB%n",
                    count, seconds, count / seconds, rt.maxMemory() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
            assertThat(count).isEqualTo(RECORDS);
        } finally {
            server.stop(0);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
