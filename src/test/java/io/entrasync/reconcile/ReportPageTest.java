package io.entrasync.reconcile;

import static io.entrasync.reconcile.ReconcileFixture.csv;
import static io.entrasync.reconcile.ReconcileFixture.worker;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.report.ProblemAdvice;
import io.entrasync.report.ReportPages;
import io.entrasync.report.RunMetrics;
import io.entrasync.support.EmulatorExtension;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The run's report.html as a person gets it, parsed with jsoup: its numbers are the report's, hostile HR values are
 * text (never markup), nothing on it is fetched from anywhere, and reconciliation brings it up to date. Also the
 * meters a run records, and the status page.
 */
class ReportPageTest {

    private static final String SCRIPT_ID = "<script>alert(1)</script>";
    private static final String IMG_ID = "\"><img src=x onerror=alert(2)>";
    private static final String FORMULA_ID = "=HYPERLINK(\"http://evil.example/\",\"click\")";

    @RegisterExtension
    static final EmulatorExtension RUNNING = new EmulatorExtension(EmulatorSettings.fast().withPort(0)
            .withReportsCallsPerWindow(1000, Duration.ofSeconds(1)));
    private ProvisioningEmulator emulator;
    private ReconcileFixture fixture;

    @BeforeEach
    void fresh() {
        emulator = RUNNING.emulator();
        fixture = new ReconcileFixture(emulator);
    }

    @Test
    void thePageSaysWhatTheReportSaysEscapesHostileValuesAndIsUpdatedByReconciliation() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry(); // as the Application Insights agent adds its own
        Metrics.addRegistry(meters);
        String folder;
        try {
            folder = fixture.dropAndProcess("workers.csv", csv(
                    worker("100", "u100", ""),
                    worker("101", "u101", "100"),
                    worker("102", "Active", "u102", "100", "\"<b>Sales</b> & =1+1\""),
                    quoted(SCRIPT_ID) + rest("s1"), quoted(SCRIPT_ID) + rest("s2"), // duplicates: both rejected
                    quoted(IMG_ID) + rest(""),                                     // no userName: rejected
                    quoted(FORMULA_ID) + rest("")));                               // no userName: rejected
        } finally {
            Metrics.removeRegistry(meters);
        }
        JsonNode report = fixture.report(folder);
        String html = ReportPages.text(fixture.zone.processed(), folder);
        Document page = Jsoup.parse(html);

        // The numbers are the report's and the results file's.
        assertThat(number(page, "#totals [data-key=read]")).isEqualTo(report.path("records").path("read").asLong())
                .isEqualTo(7);
        assertThat(number(page, "#totals [data-key=rejected]")).isEqualTo(report.path("records").path("rejected")
                .asLong()).isEqualTo(4);
        assertThat(number(page, "#totals [data-key=accepted]")).isEqualTo(3);
        assertThat(legend(page)).isEqualTo(byOutcome(report));
        List<String[]> problems = problemLines(folder);
        assertThat(problems).hasSize(4);
        assertThat(page.select("#problems tbody tr")).hasSize(problems.size());
        assertEachProblemNamesItsTrace(page);
        assertThat(page.select("#reasons tr.reason td.count").stream().mapToLong(td -> Long.parseLong(td.text()))
                .sum()).isEqualTo(problems.size());
        Element duplicate = page.select("#reasons tr.reason").stream()
                .filter(row -> row.text().contains("is also on line")).findFirst().orElseThrow();
        assertThat(duplicate.selectFirst("td.count").text()).isEqualTo("2");
        assertThat(duplicate.selectFirst("td.who").text()).isEqualTo("HR data");
        assertThat(page.select("#quota [data-key=quota-limit]").text())
                .isEqualTo(report.path("quota").path("limit").asText());

        // Hostile values are shown as text, never as markup or a formula link.
        assertThat(page.select("script, img, a, iframe, object, embed, form, [onerror]")).isEmpty();
        String problemText = page.select("#problems").text();
        assertThat(problemText).contains("script>alert(1)</script>", "><img src=x onerror=alert(2)>",
                "HYPERLINK(\"http://evil.example/\",\"click\")");
        assertThat(html).doesNotContain(SCRIPT_ID).doesNotContain("<img").contains("&lt;script&gt;");
        assertNoExternalReference(page, html);

        // A run's meters.
        assertThat(meters.get(RunMetrics.RUNS).tag("source", "hr").tag("status", "completed").counter().count())
                .isEqualTo(1);
        assertThat(Search.in(meters).name(RunMetrics.RUN_RECORDS).tag("source", "hr").counters().stream()
                .mapToDouble(counter -> counter.count()).sum()).isEqualTo(7);
        assertThat(meters.get(RunMetrics.RUN_RECORDS).tag("source", "hr").tag("outcome", "rejected").counter().count())
                .isEqualTo(4);
        assertThat(meters.get(RunMetrics.REQUESTS).tag("source", "hr").tag("api", "bulkUpload").counter().count())
                .isEqualTo(report.path("calls").path("total").asDouble()).isPositive();
        assertThat(meters.get(RunMetrics.QUOTA_REMAINING).tag("source", "hr").gauge().value())
                .isEqualTo(report.path("quota").path("left").asDouble());
        assertThat(meters.get(RunMetrics.RUN_DURATION).tag("source", "hr").timer().count()).isEqualTo(1);

        // Reconciliation completes the report, and the page with it.
        emulator.awaitIdle(Duration.ofSeconds(10));
        Reconciler reconciler = fixture.reconciler(ReconcileFixture.settings());
        WaitResult result = reconciler.reconcileUntilFinal(ReconcileFixture.SOURCE, Optional.empty(),
                Duration.ofSeconds(30));
        assertThat(result.complete()).as(result.describe()).isTrue();
        JsonNode completed = fixture.report(folder);
        Document updated = Jsoup.parse(ReportPages.text(fixture.zone.processed(), folder));
        assertThat(updated.select("#reconciliation").text()).contains("complete");
        assertThat(legend(updated)).isEqualTo(byOutcome(completed)).containsEntry("created", 3L);
        assertThat(fixture.metrics.registry().get("entrasync.records").tag("outcome", "created").counter().count())
                .isEqualTo(3);
        assertThat(fixture.metrics.registry().get("entrasync.reconcile.lag").timer().count()).isEqualTo(3);

        // The status page: the run, its outcomes, the quota and the job.
        StringWriter status = new StringWriter();
        StatusPage.render(reconciler.overview(ReconcileFixture.SOURCE, 10), status);
        Document statusPage = Jsoup.parse(status.toString());
        assertThat(statusPage.select("#runs tr.run")).hasSize(1);
        assertThat(legend(statusPage)).isEqualTo(byOutcome(completed));
        assertThat(statusPage.select("#job-state").text()).isEqualTo("Active");
        assertThat(number(statusPage, "#quota [data-key=quota-used]")).isEqualTo(completed.path("calls")
                .path("total").asLong());
        assertThat(statusPage.select("#hours > div")).hasSize(24);
        assertThat(statusPage.select("#hours > div").stream().mapToLong(bar -> Long.parseLong(bar.attr("data-calls")))
                .sum()).isEqualTo(completed.path("calls").path("total").asLong());
        assertThat(statusPage.select("#no-failures")).hasSize(1);
        assertNoExternalReference(statusPage, status.toString());
    }

    @Test
    void problemsAreGroupedByReasonWhateverTheOutcomeAndWhoFixesThemIsSaid() {
        assertThat(ProblemAdvice.reason("rejected", "externalId: duplicate externalId 7: the record at position 2"
                + " has it too; userName: missing"))
                .isEqualTo(ProblemAdvice.reason("rejected", "externalId: duplicate externalId 9: the record at "
                        + "position 5 has it too"));
        assertThat(ProblemAdvice.reason("service-failed", "InvalidManager: manager 'E12' not found (2026-12-01T10:00Z,"
                + " change 3f2a) Final: fix the record in the source data; the next extract sends it again."))
                .isEqualTo(ProblemAdvice.reason("service-failed", "InvalidManager: manager 'X9' not found "
                        + "(2026-12-02T11:00Z, change 99) Final: fix the record in the source data; the next extract "
                        + "sends it again."));
        assertThat(ProblemAdvice.reason("rejected", "externalId: externalId '1' is also on line 814; none of these 2"))
                .isEqualTo(ProblemAdvice.reason("rejected", "externalId: externalId '7' is also on lines 117, 259; "
                        + "none of these 3"));
        // An outcome this version does not know (another issue adds some) is still a problem, for an admin.
        assertThat(ProblemAdvice.isProblem("manager-not-set")).isTrue();
        assertThat(ProblemAdvice.advise("manager-not-set", "x").who()).isEqualTo(ProblemAdvice.Who.ADMIN);
        assertThat(ProblemAdvice.isProblem("created")).isFalse();
        assertThat(ProblemAdvice.advise("warning", "manager not set").who()).isEqualTo(ProblemAdvice.Who.HR_DATA);
        assertThat(ProblemAdvice.advise("deferred", "quota").who()).isEqualTo(ProblemAdvice.Who.NOTHING);
        assertThat(ProblemAdvice.advise("failed", "HTTP 403 Forbidden: insufficient privileges").who())
                .isEqualTo(ProblemAdvice.Who.ADMIN);
        assertThat(ProblemAdvice.advise("failed", "HTTP 503 after 4 attempts").who())
                .isEqualTo(ProblemAdvice.Who.NOTHING);
        assertThat(ProblemAdvice.advise("service-failed", "UnresolvedReference: manager ... Sent 3 time(s), the limit"
                + " (sync.reconcile.max-attempts); not sent again.").who()).isEqualTo(ProblemAdvice.Who.HR_DATA);
        assertThat(ProblemAdvice.advise("unconfirmed", "no provisioning-log entry").who())
                .isEqualTo(ProblemAdvice.Who.ADMIN);
    }

    /** No script, style sheet, font, image, frame or link: nothing that a mail client or a browser would fetch. */
    private static void assertNoExternalReference(Document page, String html) {
        assertThat(page.select("[src], [href], link, script, img, iframe, object, embed, base, form")).isEmpty();
        assertThat(page.select("style").html()).doesNotContain("url(").doesNotContain("@import");
        assertThat(page.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .contains("default-src 'none'");
        // The one URL allowed is the hostile value's, as text.
        assertThat(html.replace("http://evil.example/", "")).doesNotContainPattern("(?i)(https?:)?//[a-z0-9-]+\\.")
                .doesNotContain("url(");
    }

    private static long number(Document page, String selector) {
        return Long.parseLong(page.selectFirst(selector).text());
    }

    private static Map<String, Long> legend(Document page) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Element item : page.select(".legend li")) {
            counts.merge(item.attr("data-outcome"), Long.parseLong(item.attr("data-count")), Long::sum);
        }
        return counts;
    }

    private static Map<String, Long> byOutcome(JsonNode report) {
        Map<String, Long> counts = new LinkedHashMap<>();
        report.path("records").path("byOutcome").fields()
                .forEachRemaining(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    private List<String[]> problemLines(String folder) throws Exception {
        String text = fixture.zone.processed().getBlobClient(folder + ".results.csv").downloadContent().toString();
        List<String[]> lines = new ArrayList<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(new StringReader(text))) {
            boolean header = true;
            for (CsvRecord line : csv) {
                if (!header && ProblemAdvice.isProblem(line.getField(2))) {
                    lines.add(new String[] {line.getField(1), line.getField(2), line.getField(3)});
                }
                header = false;
            }
        }
        return lines;
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /** The columns after WorkerID, with {@code userName} (empty: the record is rejected for it). */
    private static String rest(String userName) {
        String row = worker("X", "Active", userName, "", "Sales");
        return row.substring(row.indexOf(','));
    }

    /** Issue 27: each record that needs attention names the command that shows that person's trail. */
    private static void assertEachProblemNamesItsTrace(Document page) {
        assertThat(page.select("#problems tbody tr td.trace"))
                .allSatisfy(cell -> assertThat(cell.text()).startsWith("entra-inbound-sync trace --source hr "
                        + "--external-id "))
                .anySatisfy(cell -> assertThat(cell.text()).contains("'").contains("<script>"));
    }
}
