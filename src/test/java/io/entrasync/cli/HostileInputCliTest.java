package io.entrasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.inject.Inject;

import io.entrasync.source.HostileFiles;
import io.entrasync.support.AzuriteResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/**
 * The hostile corpus through the real command line (issue 14): the documented exit code, a message naming the file,
 * line or setting, and never a stack trace.
 */
@QuarkusTest
@QuarkusTestResource(AzuriteResource.class)
class HostileInputCliTest {

    @Inject
    CommandLine.IFactory factory;

    /** What a run of the command line printed, and its exit code. */
    record LaunchResult(int exitCode, String getOutput, String getErrorOutput) {
    }

    /** The command line as Quarkus runs it, with the one failure handler; one Quarkus boot for every case. */
    private LaunchResult launch(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = CommandLineProducer.configure(new CommandLine(EntraInboundSyncCommand.class, factory));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new LaunchResult(code, out.toString(), err.toString());
    }

    private static final String CORPUS = "src/test/resources/hostile/";
    private static final String MAPPING = CORPUS + "mapping.yaml";

    @TempDir
    Path dir;

    @Test
    void brokenFilesAreRefusedWithExitCode2AndTheReason() throws IOException {
        Path bomb = HostileFiles.xlsxWithHugeCell(dir, 64L << 20);
        List<String[]> cases = List.of(
                new String[] {CORPUS + "utf16le-without-bom.csv", "UTF-16LE text without a byte-order mark"},
                new String[] {CORPUS + "binary-garbage.csv", "is not a text file"},
                new String[] {CORPUS + "not-a-workbook.xlsx", "not an Excel workbook"},
                new String[] {bomb.toString(), "max-cell-length"});
        for (String[] hostile : cases) {
            LaunchResult result = launch("validate", "--mapping", MAPPING, "--file", hostile[0]);

            assertThat(result.exitCode()).as(hostile[0]).isEqualTo(2);
            assertThat(result.getErrorOutput).as(hostile[0]).contains(hostile[0]).contains(hostile[1]);
            assertNoStackTrace(result);
        }
    }

    @Test
    void controlCharactersInIdentifiersAreRejectedNamingTheLine() {
        LaunchResult result = launch("validate", "--mapping", MAPPING, "--file",
                CORPUS + "control-characters.csv");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getOutput).contains("line 2 (externalId 10\\u000001): externalId: control character")
                .contains("line 3 (externalId 1002): userName: control character: userName contains the control "
                        + "character U+001B").contains("3 records read, 1 valid, 2 rejected");
        assertNoStackTrace(result);
    }

    @Test
    void rejectedCsvNeutralisesFormulas() throws IOException {
        LaunchResult result = launch("preview", "--mapping", MAPPING, "--file",
                CORPUS + "formula-injection.csv", "--out", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        String rejected = Files.readString(dir.resolve("rejected.csv"), StandardCharsets.UTF_8);
        assertThat(rejected).startsWith("\uFEFF").contains("\r\n8,'=1+2,userName,").doesNotContain("\n=")
                .doesNotContain(",=");
        assertNoStackTrace(result);
    }

    @Test
    void aNegativeMaxErrorsIsAUsageError() {
        LaunchResult result = launch("validate", "--mapping", MAPPING, "--file",
                CORPUS + "control-characters.csv", "--max-errors", "-5");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput).contains("--max-errors -5: must be 0 or more");
        assertNoStackTrace(result);
    }

    @Test
    void anUnsafeSourceNameIsRefused() {
        LaunchResult result = launch("drop", "--source", "..", "--file", CORPUS + "formula-injection.csv");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput).contains("'..' is not a valid source name");
        assertNoStackTrace(result);
    }

    private static void assertNoStackTrace(LaunchResult result) {
        assertThat(result.getOutput + result.getErrorOutput).doesNotContainPattern("(?m)^\\s+at [a-z]")
                .doesNotContain("Caused by:");
    }
}
