package io.entrasync.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Azurite never outlives the JVM that started it (issue 14): not after kill -9, not after SIGTERM; it runs with
 * {@code --disableTelemetry} (issue 29).
 */
class AzuriteProcessTest {

    private static final Path CACHE = Path.of(".cache", "azurite");

    @Test
    void anOrphanedAzuriteExitsWhenItsParentIsKilled() throws Exception {
        assertAzuriteExitsAfter(true);
    }

    @Test
    void sigtermOfTheParentStopsAzuriteThroughTheShutdownHook() throws Exception {
        assertAzuriteExitsAfter(false);
    }

    private static void assertAzuriteExitsAfter(boolean killHard) throws Exception {
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), AzuriteParent.class.getName(),
                CACHE.toString()).redirectErrorStream(true).start();
        try {
            long pid = readAzuritePid(parent);
            Optional<ProcessHandle> azurite = ProcessHandle.of(pid);
            assertThat(azurite).as("Azurite runs").isPresent();
            assertThat(azurite.get().isAlive()).isTrue();
            assertThat(azurite.get().info().arguments()).as("Azurite's command line (issue 29)")
                    .hasValueSatisfying(args -> assertThat(args).contains("--disableTelemetry"));

            if (killHard) {
                parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
            } else {
                parent.destroy(); // SIGTERM: the shutdown hook stops Azurite
            }

            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        } finally {
            parent.destroyForcibly();
        }
    }

    private static long readAzuritePid(Process parent) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("azurite-pid ")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the parent is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Long.parseLong(line.substring("azurite-pid ".length()).trim());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the parent exited before starting Azurite:\n" + seen);
    }
}
