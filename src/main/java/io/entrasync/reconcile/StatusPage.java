package io.entrasync.reconcile;

import static io.entrasync.report.Html.escape;
import static io.entrasync.report.Html.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.entrasync.report.Html;
import io.entrasync.report.ProblemAdvice;

/**
 * The {@code status --source S --html FILE} page: the job's state, the last runs with their outcomes over time, the
 * quota used over the last 24 hours and the open failures. Self-contained like the report pages ({@link Html}).
 */
public final class StatusPage {

    /** Open failures listed; the rest are counted. */
    static final int FAILURES_LISTED = 1000;

    private StatusPage() {
    }

    public static void render(StatusOverview overview, Path target) {
        try {
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                render(overview, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
        }
    }

    public static void render(StatusOverview overview, Writer out) {
        Html.head(out, "Status: " + overview.source() + " (entra-inbound-sync)");
        write(out, "<header><h1>Source " + escape(overview.source()) + "</h1>\n<p class=\"meta\">Status at "
                + escape(overview.generatedAt().toString()) + "</p></header>\n");
        job(overview, out);
        runs(overview.reports(), out);
        quota(overview, out);
        failures(overview.status().openFailures(), out);
        write(out, "<footer class=\"note\"><p>Each run's own page is &lt;file&gt;.report.html beside its report.json"
                + " in the processed container.</p></footer>\n");
        Html.tail(out);
    }

    private static void job(StatusOverview overview, Writer out) {
        JobStatus job = overview.job();
        String state = job.stopped() ? "stopped" : !job.error().isEmpty() || "unknown".equals(job.code()) ? "unknown"
                : "ok";
        StringBuilder html = new StringBuilder("<section id=\"job\"><h2>Provisioning job</h2>\n<p><span id=\"job-state\" "
                + "class=\"status status-" + state + "\">" + escape(job.code()) + "</span> job <code>"
                + escape(overview.jobId()) + "</code>"
                + (job.scheduleState().isEmpty() ? "" : ", schedule " + escape(job.scheduleState())) + "</p>\n");
        if (job.stopped() || !job.error().isEmpty()) {
            html.append("<p class=\"who-admin\">").append(escape(job.describe(overview.jobId()))).append("</p>\n");
        }
        overview.status().runs().stream().map(StatusReport.RunLine::cause).filter(cause -> !cause.isEmpty()).distinct()
                .forEach(cause -> html.append("<p class=\"who-admin\">A run says: ").append(escape(cause))
                        .append("</p>\n"));
        write(out, html.append("</section>\n").toString());
    }

    private static void runs(List<JsonNode> reports, Writer out) {
        StringBuilder html = new StringBuilder("<section id=\"runs\"><h2>Last runs (newest first)</h2>\n");
        if (reports.isEmpty()) {
            write(out, html.append("<p>No run yet.</p></section>\n").toString());
            return;
        }
        long scale = reports.stream().mapToLong(report -> report.path("records").path("read").asLong()).max()
                .orElse(1);
        html.append("<table>\n<thead><tr><th>Run</th><th>File</th><th>Upload</th><th>Service outcomes</th>"
                + "<th>Read</th><th>Outcomes</th></tr></thead>\n<tbody>\n");
        for (JsonNode report : reports) {
            Map<String, Long> counts = new LinkedHashMap<>();
            report.path("records").path("byOutcome").fields()
                    .forEachRemaining(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
            String status = report.path("status").asText("");
            String reconciliation = report.path("reconciliation").path("status").asText(
                    report.path("records").path("accepted").asLong() > 0 ? "waiting" : "—");
            html.append("<tr class=\"run\" data-run=\"").append(escape(report.path("runId").asText())).append("\"><td>")
                    .append(escape(report.path("runId").asText())).append("<br><span class=\"note\">")
                    .append(escape(report.path("startedAt").asText())).append("</span></td><td>")
                    .append(escape(report.path("file").asText())).append("</td><td><span class=\"status status-")
                    .append(Html.token(status)).append("\">").append(escape(status)).append("</span></td><td>")
                    .append(escape(reconciliation)).append("</td><td class=\"n\">")
                    .append(report.path("records").path("read").asLong()).append("</td><td style=\"min-width:420px\">")
                    .append(Html.bar(counts, scale)).append(Html.legend(counts)).append("</td></tr>\n");
        }
        write(out, html.append("</tbody></table></section>\n").toString());
    }

    private static void quota(StatusOverview overview, Writer out) {
        StringBuilder html = new StringBuilder("<section id=\"quota\"><h2>bulkUpload quota, last 24 hours</h2>\n");
        if (overview.quota().isEmpty()) {
            write(out, html.append("<p class=\"note\">The quota could not be read.</p></section>\n").toString());
            return;
        }
        var usage = overview.quota().get();
        html.append("<p><b data-key=\"quota-used\">").append(usage.used())
                .append("</b> of <b data-key=\"quota-budget\">")
                .append(usage.budget()).append("</b> calls used; <b data-key=\"quota-left\">").append(usage.remaining())
                .append("</b> left").append(usage.nextFreeAt().map(at -> "; the oldest counted call frees at "
                        + escape(at.toString())).orElse("")).append(".</p>\n");
        List<Integer> hours = overview.usedByHour();
        if (!hours.isEmpty()) {
            int max = Math.max(1, hours.stream().mapToInt(Integer::intValue).max().orElse(1));
            html.append("<div class=\"hours\" id=\"hours\">");
            for (int i = 0; i < hours.size(); i++) {
                int ago = hours.size() - 1 - i;
                html.append(String.format(Locale.ROOT, "<div data-calls=\"%d\" title=\"%s: %d call(s)\" "
                        + "style=\"height:%.1f%%\"></div>", hours.get(i), ago == 0 ? "this hour" : ago + " h ago",
                        hours.get(i), 100.0 * hours.get(i) / max));
            }
            html.append("</div>\n<p class=\"note\">One bar per hour, 24 hours ago on the left, this hour on the right"
                    + " (highest bar: ").append(max).append(" calls).</p>\n");
        }
        write(out, html.append("</section>\n").toString());
    }

    private static void failures(List<StatusReport.Failure> failures, Writer out) {
        StringBuilder html = new StringBuilder("<section id=\"failures\"><h2>Open failures (")
                .append(failures.size()).append(")</h2>\n");
        if (failures.isEmpty()) {
            write(out, html.append("<p id=\"no-failures\">No open failures.</p></section>\n").toString());
            return;
        }
        html.append("<table>\n<thead><tr><th>externalId</th><th>Run</th><th>Outcome</th><th>Error code</th>"
                + "<th>Detail</th><th>Who fixes it</th></tr></thead>\n<tbody>\n");
        failures.stream().limit(FAILURES_LISTED).forEach(failure -> {
            String outcome = "re-send due".equals(failure.outcome()) ? "service-failed" : failure.outcome();
            ProblemAdvice.Advice advice = ProblemAdvice.advise(outcome, "re-send due".equals(failure.outcome())
                    ? "will be sent again" : failure.detail());
            html.append("<tr class=\"failure\"><td>").append(escape(failure.externalId())).append("</td><td>")
                    .append(escape(failure.runId())).append("</td><td>").append(escape(failure.outcome()))
                    .append("</td><td>").append(escape(failure.errorCode())).append("</td><td class=\"detail\">")
                    .append(escape(failure.detail())).append("</td><td class=\"").append(advice.who().cssClass())
                    .append("\">").append(escape(advice.who().label())).append("</td></tr>\n");
        });
        html.append("</tbody></table>\n");
        if (failures.size() > FAILURES_LISTED) {
            html.append("<p>… and ").append(failures.size() - FAILURES_LISTED)
                    .append(" more (see the runs' results.csv).</p>\n");
        }
        write(out, html.append("</section>\n").toString());
    }
}
