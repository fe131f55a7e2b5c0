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


/**
 * Bidi overrides cannot spoof names on the pages (issue 29): a blob {@code s3/x<U+202E>vsc.exe} would read as
 * "xexe.csv" in a title; an externalId with U+202E would reverse the rest of its cell. Titles and headings show the
 * override as an escape; HR-provided cells are isolated in {@code <bdi>} (status.html: SpoofedNamesStatusPageTest).
 */
class SpoofedNamesReportPageTest {

    private static final String RLO = "\u202E";
    private static final String SPOOFED_FILE = "s3/x" + RLO + "vsc.exe";
    private static final String SPOOFED_ID = "E-" + RLO + "1001";

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    @TempDir
    Path dir;

    @Test
    void theReportTitleAndHeadingShowTheOverrideAsAnEscapeAndTheProblemListIsolatesTheExternalId()
            throws IOException {
        RunReport report = new RunReport("run-1", "s3", SPOOFED_FILE, "completed", "", Instant.EPOCH, Instant.EPOCH,
                1, new RunReport.Records(1, 0, 1, 0, 0, 0, 0, Map.of()), Map.of(), new RunReport.Calls(0, 0, 0, 0, 0,
                        0, 0), null, List.of(), List.of(), "x.results.csv", null, null, List.of());
        JsonNode json = mapper.readTree(mapper.writeValueAsBytes(report));
        Path results = Files.writeString(dir.resolve("x.results.csv"), "line,externalId,outcome,detail\n"
                + "2," + SPOOFED_ID + ",rejected,userName: required value missing\n");
        StringWriter out = new StringWriter();

        ReportPage.render(json, results, out);

        Document page = Jsoup.parse(out.toString());
        assertThat(page.title()).doesNotContain(RLO).contains("s3/x\\u202Evsc.exe");
        assertThat(page.selectFirst("h1").text()).isEqualTo("s3/x\\u202Evsc.exe");
        Element idCell = page.select("#problems tbody tr td").get(1);
        assertThat(idCell.children()).hasSize(1);
        assertThat(idCell.child(0).tagName()).isEqualTo("bdi");
        assertThat(idCell.child(0).text()).isEqualTo(SPOOFED_ID);
        assertThat(out.toString()).contains("<bdi>" + SPOOFED_ID + "</bdi>");
    }

}
