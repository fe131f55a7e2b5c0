package io.entrasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class CliTest {

    @Test
    @Launch("--help")
    void helpListsTheCommands(LaunchResult result) {
        assertThat(result.getOutput()).contains("version");
    }

    @Test
    @Launch(value = "no-such-command", exitCode = 2)
    void anUnknownCommandIsAUsageError(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("no-such-command");
    }
}
