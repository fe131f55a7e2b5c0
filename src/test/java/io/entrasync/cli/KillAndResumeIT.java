package io.entrasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.emulator.UserView;
import io.entrasync.support.TestAzurite;

/**
 * kill -9 in the middle of an upload, then the same command again (issue 13): the packaged runner jar in a child JVM,
 * SIGKILLed while its calls are in flight against the emulator (answers held 400-700 ms, as Graph's are), with
 * its state in Azurite. The rerun sends exactly the batches its checkpoint does not hold; the calls that were in
 * flight at the kill (accepted by the service, not yet checkpointed) are the only ones sent twice, at most
 * {@code upload.max-in-flight}; every record ends in exactly one outcome.
 *
 * <p>A failsafe test: it needs {@code target/entra-inbound-sync-runner.jar}, so it runs in {@code ./mvnw verify}
 * after {@code package} ({@code ./mvnw -B verify -Dit.test=KillAndResumeIT -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false} alone).
 */
class KillAndResumeIT {

    private static final int USERS = 1_500;
    private static final int CALLS = USERS / 50;
    private static final int MAX_IN_FLIGHT = 16;
    private static final String MAPPING = Path.of("samples/mappings/microsoft-sample.yaml").toAbsolutePath()
            .toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ProvisioningEmulator emu;
    private final List<Process> children = new ArrayList<>();
    private final String suffix = Long.toHexString(System.nanoTime());
    private final String stateContainer = "kill-state-" + suffix;

    @BeforeEach
    void start() {
        emu = ProvisioningEmulator.start(EmulatorSettings.fast().withPort(0)
                .withLatency(Duration.ofMillis(400), Duration.ofMillis(700)));
    }

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        emu.close();
    }

    @Test
    void uploadKilledMidRunResumesFromItsCheckpointOnTheRerun() throws Exception {
        Path extract = extract("people.csv");
        List<String> upload = List.of("upload", "--mapping", MAPPING, "--file", extract.toString(), "--source",
                "kill-test", "--graph-url", emu.baseUrl(), "--service-principal-id",
                emu.defaultJob().servicePrincipalId(), "--job-id", emu.defaultJob().jobId(), "--auth",
                "client-credentials", "--token-url", emu.tokenEndpoint(), "--client-id", "kill-test",
                "--client-secret", "kill-test-secret");

        Process first = start(upload, "upload-1");
        killAfterAcceptedCalls(first, 5);
        emu.awaitIdle(Duration.ofSeconds(30));
        long acceptedBeforeKill = emu.stats().calls().accepted();
        JsonNode checkpoint = onlyBlob("uploads/", ".json");
        int done = checkpoint.path("accepted").size();
        assertThat(done).as("the kill landed mid-run").isBetween(1, CALLS - 1);
        assertThat(acceptedBeforeKill - done).as("only the calls in flight at the kill were not checkpointed")
                .isBetween(0L, (long) MAX_IN_FLIGHT);

        Process second = start(upload, "upload-2");
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("upload-2.out"));
        assertThat(second.exitValue()).as(out + Files.readString(dir.resolve("upload-2.err")))
                .isEqualTo(UploadCommand.ALL_SENT);
        assertThat(out).contains("Resumed: " + done + " of " + CALLS + " calls were done by an earlier run");
        assertThat(out).contains("Records: " + USERS + " read, 0 rejected, " + (USERS - done * 50) + " sent, 0 refused"
                + " by the service, 0 not sent, " + done * 50 + " sent or refused by the interrupted run");
        emu.awaitIdle(Duration.ofSeconds(30));
        assertThat(emu.stats().calls().accepted() - acceptedBeforeKill).as("the rerun sends exactly the others")
                .isEqualTo(CALLS - done);
        assertThat(emu.users().stream().map(UserView::externalId).collect(Collectors.toSet())).isEqualTo(ids());
        assertThat(state().listBlobs().stream().filter(b -> b.getName().startsWith("uploads/")
                && b.getName().endsWith(".json")).toList()).as("a completed upload leaves no checkpoint").isEmpty();
    }

    @Test
    void dropKilledMidRunResumesAfterTheLastAcceptedCallOnTheRerun() throws Exception {
        Path extract = extract("people.csv");
        List<String> drop = List.of("drop", "--source", "hr", "--file", extract.toString());

        Process first = start(drop, "drop-1");
        killAfterAcceptedCalls(first, 5);
        emu.awaitIdle(Duration.ofSeconds(30));
        long acceptedBeforeKill = emu.stats().calls().accepted();
        JsonNode run = onlyBlob("hr/files/", ".json");
        int done = run.path("calls").size();
        assertThat(done).as("the kill landed mid-run").isBetween(1, CALLS - 1);
        assertThat(acceptedBeforeKill - done).as("only the calls in flight at the kill were not checkpointed")
                .isBetween(0L, (long) MAX_IN_FLIGHT);

        // The killed run's source lease (15 s here) expires first; the rerun waits for it.
        Process second = start(drop, "drop-2");
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("drop-2.out"));
        assertThat(second.exitValue()).as(out + Files.readString(dir.resolve("drop-2.err"))).isZero();
        assertThat(out).startsWith("PROCESSED");
        emu.awaitIdle(Duration.ofSeconds(30));
        assertThat(emu.stats().calls().accepted() - acceptedBeforeKill).as("the rerun sends exactly the others")
                .isEqualTo(CALLS - done);

        String report = out.substring(out.indexOf("Report: processed/") + "Report: processed/".length()).strip();
        BlobContainerClient processed = blobs().getBlobContainerClient("kill-processed-" + suffix);
        String results = processed.getBlobClient(report.replace(".report.json", ".results.csv")).downloadContent()
                .toString();
        List<String> lines = results.lines().skip(1).toList();
        assertThat(lines).as("every record has exactly one line").hasSize(USERS);
        Set<String> externalIds = new TreeSet<>();
        for (String line : lines) {
            String[] fields = line.split(",", 4);
            assertThat(externalIds.add(fields[1])).as("one outcome for " + fields[1]).isTrue();
            assertThat(fields[2]).as(line).isEqualTo("accepted");
        }
        assertThat(externalIds).isEqualTo(ids());
        assertThat(results).contains("(attempt before this one)");
    }

    private void killAfterAcceptedCalls(Process child, int calls) throws InterruptedException {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> emu.stats().calls().accepted() >= calls || !child.isAlive());
        assertThat(child.isAlive()).as("still uploading when killed").isTrue();
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
    }

    private Process start(List<String> command, String name) throws IOException {
        Map<String, String> config = new HashMap<>();
        config.put("sync.state.connection-string", TestAzurite.connectionString());
        config.put("sync.state.container", stateContainer);
        config.put("sync.files.inbound-container", "kill-inbound-" + suffix);
        config.put("sync.files.processed-container", "kill-processed-" + suffix);
        config.put("sync.files.failed-container", "kill-failed-" + suffix);
        config.put("sync.files.lease-duration", "15s");
        config.put("sync.sources.hr.mapping", MAPPING);
        config.put("sync.sources.hr.graph.url", emu.baseUrl());
        config.put("sync.sources.hr.graph.service-principal-id", emu.defaultJob().servicePrincipalId());
        config.put("sync.sources.hr.graph.job-id", emu.defaultJob().jobId());
        config.put("sync.sources.hr.auth.mode", "client-credentials");
        config.put("sync.sources.hr.auth.token-url", emu.tokenEndpoint());
        config.put("sync.sources.hr.auth.client-id", "kill-test");
        config.put("sync.sources.hr.auth.client-secret", "kill-test-secret");
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        config.forEach((key, value) -> line.add("-D" + key + "=" + value));
        line.add("-jar");
        line.add(System.getProperty("runner.jar", "target/entra-inbound-sync-runner.jar"));
        line.addAll(command);
        Process child = new ProcessBuilder(line).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
        children.add(child);
        return child;
    }

    /** {@value #USERS} people, each after their manager (every tenth a manager of the next ten), none rejected. */
    private Path extract(String name) throws IOException {
        StringBuilder csv = new StringBuilder("WorkerID,WorkerStatus,WorkerType,UserID,FirstName,LastName,FullName,"
                + "GenderPronoun,ManagerID,HireDate,OnLeave,Department,Division,CostCenter,Company,Location,JobTitle,"
                + "StreetAddress,City,CountryCode,OfficePhone,Custom01,Custom02,ZipCode\n");
        for (int i = 0; i < USERS; i++) {
            String manager = i < 10 ? "" : String.valueOf(500_000 + i / 10);
            csv.append(500_000 + i).append(",Active,Employee,EMP").append(500_000 + i).append(",Given").append(i)
                    .append(",Family").append(i).append(",Given").append(i).append(" Family").append(i)
                    .append(",SHE/HER,").append(manager).append(",2020-01-01,False,Sales,Electronics,CC3035,Woodgrove,"
                            + "Europe,Sales Executive,1 Main St,Chicago,US,259-915-1098,T1001,BTK39,60601\n");
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    private static Set<String> ids() {
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < USERS; i++) {
            ids.add(String.valueOf(500_000 + i));
        }
        return ids;
    }

    private JsonNode onlyBlob(String prefix, String suffixOfName) throws IOException {
        List<String> names = state().listBlobs().stream().map(b -> b.getName())
                .filter(n -> n.startsWith(prefix) && n.endsWith(suffixOfName)).toList();
        assertThat(names).hasSize(1);
        return JSON.readTree(state().getBlobClient(names.get(0)).downloadContent().toBytes());
    }

    private BlobContainerClient state() {
        return blobs().getBlobContainerClient(stateContainer);
    }

    private static BlobServiceClient blobs() {
        return new BlobServiceClientBuilder().connectionString(TestAzurite.connectionString()).buildClient();
    }
}
