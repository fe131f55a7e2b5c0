package io.entrasync.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.cli.EntraInboundSyncCommand;
import io.entrasync.state.StateStore;
import io.entrasync.support.AzuriteResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/** The drop, plan and approve commands wired from {@code sync.*}, against Azurite and the emulator. */
@QuarkusTest
@QuarkusTestResource(value = AzuriteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DeltaSourceResource.class, restrictToAnnotatedClass = true)
class DeltaCommandsTest {

    @Inject
    CommandLine.IFactory factory;

    @Inject
    StateStore state;

    @Inject
    ObjectMapper mapper;

    @TempDir
    Path dir;

    @Test
    void planShowsTheHoldDropHoldsAndApproveSends() throws Exception {
        Path day1 = write("day1.csv", DeltaFixture.workers(800, 10));
        Path day2 = write("day2.csv", DeltaFixture.workers(800, 8));
        StringWriter first = new StringWriter();
        assertThat(command(first, "drop", "--source", "hr", "--file", day1.toString())).as(first.toString()).isZero();

        StringWriter plan = new StringWriter();
        int planExit = command(plan, "plan", "--source", "hr", "--file", day2.toString());
        StringWriter drop = new StringWriter();
        int dropExit = command(drop, "drop", "--source", "hr", "--file", day2.toString());

        assertThat(planExit).as(plan.toString()).isEqualTo(1);
        assertThat(plan.toString()).containsPattern("unchanged +8").containsPattern("disables +2")
                .contains("e.g. 808, 809", "HELD", "more than 10%");
        assertThat(dropExit).as(drop.toString()).isEqualTo(3);
        assertThat(drop.toString()).contains("HELD", "approve --source hr --run");
        String runId = new DeltaState(state, mapper).openRuns("hr").stream().filter(DeltaRunRecord::held)
                .findFirst().orElseThrow().runId();

        StringWriter approve = new StringWriter();
        int approveExit = command(approve, "approve", "--source", "hr", "--run", runId);

        assertThat(approveExit).as(approve.toString()).isZero();
        assertThat(approve.toString()).contains("PROCESSED");
        StringWriter after = new StringWriter();
        command(after, "plan", "--source", "hr", "--file", day2.toString());
        assertThat(after.toString()).containsPattern("disables +0").containsPattern("unchanged +8")
                .contains("within limits");
        assertThat(command(new StringWriter(), "approve", "--source", "hr", "--run", "nope")).isEqualTo(2);
    }

    private Path write(String name, List<String> rows) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, DeltaFixture.csv(rows));
        return file;
    }

    private int command(StringWriter out, String... args) {
        CommandLine line = new CommandLine(EntraInboundSyncCommand.class, factory);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(out, true));
        return line.execute(args);
    }
}
