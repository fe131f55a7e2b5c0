package io.entrasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** The README's first quick-start command, as a user runs it (output folder aside). */
@QuarkusMainTest
class DemoCommandTest {

    @Test
    @Launch({"demo", "--out", "target/demo-test", "--log-delay", "PT0.5S"})
    void theDemoProcessesTheSampleAndEndsWithAMachineReadableSummary(LaunchResult result) throws Exception {
        List<String> lines = result.getOutputStream();
        JsonNode summary = new ObjectMapper().readTree(lines.get(lines.size() - 1));

        assertThat(summary.path("records").asLong()).isEqualTo(1000);
        assertThat(summary.path("rejected").asLong()).isEqualTo(641);
        assertThat(summary.path("created").asLong() + summary.path("createdDisabled").asLong()
                + summary.path("updated").asLong() + summary.path("updatedDisabled").asLong()
                + summary.path("warning").asLong()
                + summary.path("failed").asLong()).isEqualTo(359);
        // The sample's inactive workers are created disabled, and the summary says so apart.
        assertThat(summary.path("createdDisabled").asLong()).isPositive();
        // The records whose managers are in no extract: created without a manager, as the real service says.
        assertThat(summary.path("warning").asLong()).isEqualTo(213);
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("213 record(s) were created without their manager"));
        Path report = Path.of(summary.path("report").asText());
        assertThat(report).exists();
        assertThat(Files.readAllLines(report.resolveSibling(report.getFileName().toString()
                .replace(".report.json", ".results.csv")))).hasSize(1001);
        // The run's page and the status page, beside the reports (docs/images/demo-report.png is the first).
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        Document page = Jsoup.parse(report.resolveSibling(report.getFileName().toString()
                .replace(".report.json", ".report.html")).toFile());
        assertThat(page.selectFirst("#totals [data-key=rejected]").text()).isEqualTo("641");
        assertThat(page.select("#problems tbody tr")).hasSizeGreaterThanOrEqualTo(641);
        assertThat(page.select("#reasons td.count").stream().mapToLong(td -> Long.parseLong(td.text())).sum())
                .isEqualTo(page.select("#problems tbody tr").size());
        assertThat(page.select(".legend li").stream().mapToLong(li -> Long.parseLong(li.attr("data-count"))).sum())
                .isEqualTo(json.path("records").path("read").asLong());
        assertThat(Path.of("target/demo-test/status.html")).exists();
    }
}
