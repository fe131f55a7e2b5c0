package io.entrasync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Bidi overrides cannot spoof names on status.html (issue 29): an externalId or detail with U+202E is isolated in
 * {@code <bdi>}, so it cannot reverse the rest of its row. The report page: SpoofedNamesReportPageTest.
 */
class SpoofedNamesStatusPageTest {

    private static final String RLO = "\u202E";
    private static final String SPOOFED_ID = "E-" + RLO + "1001";

    @Test
    void theStatusPageIsolatesAnExternalIdWithAnOverrideInTheOpenFailures() {
        StatusReport status = new StatusReport("s3", List.of(), List.of(new StatusReport.Failure(SPOOFED_ID,
                "run-1", "service-failed", "InvalidAttribute", "manager " + RLO + "gpj.exe not found")));
        StatusOverview overview = new StatusOverview("s3", Instant.EPOCH, List.of(), status, Optional.empty(),
                List.of(), "job-1", JobStatus.unreadable("not read in this test"));
        StringWriter out = new StringWriter();

        StatusPage.render(overview, out);

        Element row = Jsoup.parse(out.toString()).selectFirst("tr.failure");
        assertThat(row).isNotNull();
        assertThat(row.child(0).select("> bdi").text()).isEqualTo(SPOOFED_ID);
        assertThat(row.select("td.detail > bdi").text()).isEqualTo("manager " + RLO + "gpj.exe not found");
        assertThat(out.toString()).doesNotContain("<td>" + SPOOFED_ID);
    }
}
