package io.entrasync.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.cli.EntraInboundSyncCommand;
import io.entrasync.support.AzuriteResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import picocli.CommandLine;

/**
 * The {@code trace} command wired from {@code sync.*} (issue 27): people carried by runs of the {@code drop} command,
 * against Azurite and the emulator; the text, {@code --json} and {@code --html} forms, the lists of
 * {@code --user-name} and {@code --name}, a stranger's sentence and an unknown source.
 */
@QuarkusTest
@QuarkusTestResource(value = AzuriteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DeltaSourceResource.class, restrictToAnnotatedClass = true)
class TraceCommandTest {

    @Inject
    CommandLine.IFactory factory;

    @Inject
    ObjectMapper mapper;

    @TempDir
    Path dir;

    @Test
    void tracesAPersonAsTextJsonAndPageAndFindsPeopleByUserNameOrName() throws Exception {
        Path day1 = dir.resolve("trace-day1.csv");
        String rejected = DeltaFixture.worker("952", "").replace(",u952,", ",,");
        Files.writeString(day1, DeltaFixture.csv(DeltaFixture.worker("950", ""), DeltaFixture.worker("951", ""),
                rejected));
        StringWriter drop = new StringWriter();
        assertThat(command(drop, "drop", "--source", "hr", "--file", day1.toString())).as(drop.toString()).isZero();

        StringWriter text = new StringWriter();
        assertThat(command(text, "trace", "--source", "hr", "--external-id", "950")).as(text.toString()).isZero();
        assertThat(text.toString()).contains("950", "trace-day1.csv", "new", "userName");

        StringWriter json = new StringWriter();
        assertThat(command(json, "trace", "--source", "hr", "--external-id", "952", "--json")).isZero();
        JsonNode trace = mapper.readTree(json.toString());
        assertThat(trace.path("found").asBoolean()).isTrue();
        assertThat(trace.path("entries").get(0).path("event").asText()).isEqualTo("rejected");
        assertThat(trace.path("entries").get(0).path("detail").asText()).contains("userName");

        Path page = dir.resolve("951.html");
        StringWriter withPage = new StringWriter();
        assertThat(command(withPage, "trace", "--source", "hr", "--user-name", "U951", "--html",
                page.toString())).as(withPage.toString()).isZero();
        assertThat(withPage.toString()).contains("Matching people", "951", "Trail page:");
        assertThat(Files.readString(page)).contains("951", "trace-day1.csv").doesNotContain("<script", "http://",
                "https://");

        StringWriter several = new StringWriter();
        assertThat(command(several, "trace", "--source", "hr", "--name", "first95")).isZero();
        assertThat(several.toString()).contains("950", "951", "Several people match", "--external-id");
    }

    @Test
    void aStrangerGetsASentenceAndAnUnknownSourceAClearError() {
        StringWriter stranger = new StringWriter();
        assertThat(command(stranger, "trace", "--source", "hr", "--external-id", "nobody-here")).isEqualTo(4);
        assertThat(stranger.toString()).contains("externalId nobody-here", "sync.trail.retention", "--user-name")
                .doesNotContain("Exception");

        StringWriter nobody = new StringWriter();
        assertThat(command(nobody, "trace", "--source", "hr", "--user-name", "ghost@contoso.com")).isEqualTo(4);
        assertThat(nobody.toString()).contains("Nobody in the trail of source hr", "--external-id");

        StringWriter unknown = new StringWriter();
        assertThat(command(unknown, "trace", "--source", "payroll", "--external-id", "1")).isEqualTo(2);
        assertThat(unknown.toString()).contains("No source named 'payroll'", "hr").doesNotContain("Exception");

        StringWriter usage = new StringWriter();
        assertThat(command(usage, "trace", "--source", "hr")).as("who is missing").isEqualTo(2);
        assertThat(usage.toString()).contains("--external-id");
    }

    private int command(StringWriter out, String... args) {
        CommandLine line = new CommandLine(EntraInboundSyncCommand.class, factory);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(out, true));
        return line.execute(args);
    }
}
