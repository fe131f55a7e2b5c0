package io.entrasync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The report page's schema section, from the report.json a run writes: the dropped attributes with their fix, or
 * why the check was not done; every value escaped (attribute names and service messages are not ours).
 */
class ReportPageSchemaTest {

    private static final String HOSTILE = "urn:x:<script>alert(1)</script>:User:\"badge\"";
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TempDir
    Path dir;

    @Test
    void theDroppedAttributesAreListedWithTheirFixAndEscaped() throws IOException {
        Document page = render(new RunReport.Schema(true, "job-1", "API", 12, 11, List.of(
                new RunReport.DroppedAttribute(HOSTILE, "extensions." + HOSTILE, "dropped: not in the app's schema",
                        "add it with 'schema push --source hr --apply' & map it")), ""));

        Element section = page.getElementById("schema");
        assertThat(section).isNotNull();
        assertThat(section.select("tr.dropped")).hasSize(1);
        assertThat(section.select("tr.dropped td").get(0).text()).isEqualTo(HOSTILE);
        assertThat(section.select("tr.dropped td").get(3).text())
                .isEqualTo("add it with 'schema push --source hr --apply' & map it");
        assertThat(section.text()).contains("1 of 12 attributes the mapping sends will be dropped");
        assertThat(page.select("script")).as("nothing from the report becomes markup").isEmpty();
    }

    @Test
    void aCheckThatCouldNotBeDoneSaysWhyAndAllFlowingSaysSo() throws IOException {
        Document notDone = render(RunReport.Schema.notDone("job-1", "Forbidden (403) <b>reading</b>: grant"
                + " Synchronization.Read.All"));
        assertThat(notDone.getElementById("schema-not-done").text()).contains("could not be checked",
                "Forbidden (403) <b>reading</b>: grant Synchronization.Read.All", "The run went on.");
        assertThat(notDone.select("#schema b")).isEmpty();

        Document allFlow = render(new RunReport.Schema(true, "job-1", "API", 12, 12, List.of(), ""));
        assertThat(allFlow.getElementById("schema-all-flow").text()).contains("Every attribute the mapping sends (12)"
                + " flows into Entra ID");

        Document none = render(null);
        assertThat(none.getElementById("schema")).as("a run built without the check has no section").isNull();
    }

    private Document render(RunReport.Schema schema) throws IOException {
        RunReport report = new RunReport("run-1", "hr", "five.csv", "completed", "", Instant.EPOCH, Instant.EPOCH, 1,
                new RunReport.Records(0, 0, 0, 0, 0, 0, 0, Map.of()), Map.of(), new RunReport.Calls(0, 0, 0, 0, 0,
                        0, 0), null, List.of(), List.of(), "five.csv.results.csv", null, schema,
                List.of());
        JsonNode json = mapper.readTree(mapper.writeValueAsBytes(report));
        Path results = Files.writeString(dir.resolve("five.csv.results.csv"), "line,externalId,outcome,detail\n");
        StringWriter out = new StringWriter();
        ReportPage.render(json, results, out);
        return Jsoup.parse(out.toString());
    }
}
