package io.entrasync.report;

import static io.entrasync.report.Html.escape;
import static io.entrasync.report.Html.write;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * {@code <file>.report.html}: one run for a person — status, totals, the outcomes as a bar, the problems grouped by
 * reason with what to fix and who fixes it, the quota, and every problem record. Built from the run's report.json and
 * results.csv (so it always says what they say), streamed: the results are read twice (groups, then the list) and
 * never held in memory.
 */
final class ReportPage {

    /** Problem records listed on the page; past this the page says how many more results.csv has. */
    public static final int PROBLEMS_LISTED = 50_000;
    /** Distinct reasons shown; records with further reasons are counted under "other reasons" per outcome. */
    static final int REASONS_LISTED = 200;

    private ReportPage() {
    }

    /** A problem reason and the records that share it. */
    private static final class Group {
        final String outcome;
        final String reason;
        final ProblemAdvice.Advice advice;
        final String exampleLine;
        long count;

        Group(String outcome, String reason, ProblemAdvice.Advice advice, String exampleLine) {
            this.outcome = outcome;
            this.reason = reason;
            this.advice = advice;
            this.exampleLine = exampleLine;
        }
    }

    /** Writes the page for {@code report} (report.json) with the lines of {@code results} (results.csv). */
    public static void render(JsonNode report, Path results, Writer out) {
        Map<String, Group> groups = new LinkedHashMap<>();
        long[] problems = {0};
        forEachLine(results, line -> {
            if (!ProblemAdvice.isProblem(line.outcome)) {
                return;
            }
            problems[0]++;
            String reason = ProblemAdvice.reason(line.outcome, line.detail);
            String key = line.outcome + '\u0000' + reason;
            Group group = groups.get(key);
            if (group == null) {
                boolean listed = groups.size() < REASONS_LISTED;
                String otherKey = line.outcome + "\u0000\u0001";
                group = listed ? null : groups.get(otherKey);
                if (group == null) {
                    group = new Group(line.outcome, listed ? reason : "other reasons (see results.csv)",
                            ProblemAdvice.advise(line.outcome, line.detail), example(line));
                    groups.put(listed ? key : otherKey, group);
                }
            }
            group.count++;
        });

        String file = report.path("file").asText("");
        Html.head(out, "Run report: " + file + " (" + report.path("source").asText("") + ")");
        header(report, out);
        totals(report, out);
        outcomes(report, out);
        schema(report, out);
        reasons(groups.values(), problems[0], out);
        quota(report, out);
        plan(report, out);
        problemList(results, problems[0], report.path("source").asText(""), out);
        write(out, "<footer class=\"note\"><p>Written " + escape(report.path("finishedAt").asText(""))
                + (report.path("reconciliation").isObject() ? ", completed by reconciliation "
                        + escape(report.path("reconciliation").path("reconciledAt").asText("")) : "")
                + ". Every record is in " + Html.isolated(report.path("results").asText(file + ".results.csv"))
                + " beside this page; the same numbers are in " + Html.isolated(file) + ".report.json.</p></footer>\n");
        Html.tail(out);
    }

    /** Writes the page to {@code target}. */
    public static void render(JsonNode report, Path results, Path target) {
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            render(report, results, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void header(JsonNode report, Writer out) {
        String status = report.path("status").asText("unknown");
        JsonNode reconciliation = report.path("reconciliation");
        StringBuilder html = new StringBuilder();
        html.append("<header><h1>").append(Html.plain(report.path("file").asText(""))).append("</h1>\n")
                .append("<p class=\"meta\">Source <b>").append(escape(report.path("source").asText("")))
                .append("</b> · run <code>").append(escape(report.path("runId").asText("")))
                .append("</code> · started ")
                .append(escape(report.path("startedAt").asText(""))).append(" · attempts ")
                .append(report.path("attempts").asLong()).append("</p>\n")
                .append("<p><span id=\"status\" class=\"status status-").append(Html.token(status))
                .append("\">Upload: ")
                .append(escape(status)).append("</span>");
        if (reconciliation.isObject()) {
            String state = reconciliation.path("status").asText("");
            html.append(" <span id=\"reconciliation\" class=\"status status-").append(Html.token(state))
                    .append("\">Service outcomes: ").append(escape(state)).append("</span>");
        } else if (report.path("records").path("accepted").asLong() > 0) {
            html.append(" <span id=\"reconciliation\" class=\"status status-in-progress\">Service outcomes: "
                    + "waiting for the provisioning logs</span>");
        }
        html.append("</p>\n");
        if (!report.path("detail").asText("").isEmpty()) {
            html.append("<p id=\"detail\">").append(Html.isolated(report.path("detail").asText())).append("</p>\n");
        }
        if (!reconciliation.path("cause").asText("").isEmpty()) {
            html.append("<p id=\"cause\" class=\"who-admin\">").append(escape(reconciliation.path("cause").asText()))
                    .append("</p>\n");
        }
        write(out, html.append("</header>\n").toString());
    }

    private static void totals(JsonNode report, Writer out) {
        JsonNode records = report.path("records");
        JsonNode calls = report.path("calls");
        JsonNode reconciliation = report.path("reconciliation");
        StringBuilder html = new StringBuilder("<section id=\"totals\"><h2>Totals</h2>\n<table>\n");
        row(html, "read", "records read", records.path("read").asLong());
        row(html, "valid", "valid", records.path("valid").asLong());
        row(html, "rejected", "rejected (not sent)", records.path("rejected").asLong());
        row(html, "unchanged", "unchanged (not sent)", records.path("unchanged").asLong());
        row(html, "accepted", "sent and accepted", records.path("accepted").asLong());
        row(html, "failed", "in refused calls", records.path("failed").asLong());
        row(html, "deferred", "deferred (quota)", records.path("deferred").asLong());
        row(html, "calls", "bulkUpload calls", calls.path("total").asLong());
        if (reconciliation.isObject()) {
            row(html, "open", "still waiting for the service", reconciliation.path("open").asLong());
            row(html, "resent", "re-sent by reconciliation", reconciliation.path("resent").asLong());
        }
        write(out, html.append("</table></section>\n").toString());
    }

    private static void row(StringBuilder html, String key, String label, long value) {
        html.append("<tr><th>").append(escape(label)).append("</th><td class=\"n\" data-key=\"").append(key)
                .append("\">").append(value).append("</td></tr>\n");
    }

    private static void outcomes(JsonNode report, Writer out) {
        Map<String, Long> counts = new LinkedHashMap<>();
        report.path("records").path("byOutcome").fields()
                .forEachRemaining(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        write(out, "<section id=\"outcomes\"><h2>Outcomes</h2>\n" + Html.bar(counts, 0) + "\n" + Html.legend(counts)
                + "</section>\n");
    }

    /**
     * The schema check at the start of the run: the attributes the service accepts (202) and then ignores, with the
     * fix; or why the check could not be done. Nothing when the run was built without the check.
     */
    private static void schema(JsonNode report, Writer out) {
        JsonNode schema = report.path("schema");
        if (!schema.isObject()) {
            return;
        }
        StringBuilder html = new StringBuilder("<section id=\"schema\"><h2>Attributes the app will drop</h2>\n");
        if (!schema.path("checked").asBoolean()) {
            html.append("<p id=\"schema-not-done\" class=\"note\">The mapping could not be checked against the"
                    + " job's schema, so attributes the service silently drops are not listed: ")
                    .append(escape(schema.path("notDone").asText(""))).append(" The run went on.</p>\n");
            write(out, html.append("</section>\n").toString());
            return;
        }
        JsonNode dropped = schema.path("dropped");
        String job = "job <code>" + escape(schema.path("jobId").asText("")) + "</code> (source directory '"
                + escape(schema.path("directory").asText("")) + "')";
        if (!dropped.isArray() || dropped.isEmpty()) {
            html.append("<p id=\"schema-all-flow\">Every attribute the mapping sends (")
                    .append(schema.path("attributes").asLong()).append(") flows into Entra ID, by the schema of ")
                    .append(job).append(".</p>\n");
            write(out, html.append("</section>\n").toString());
            return;
        }
        html.append("<p class=\"who-admin\">").append(dropped.size()).append(" of ")
                .append(schema.path("attributes").asLong()).append(" attributes the mapping sends will be dropped by"
                        + " the service, which still answers 202: the schema of ").append(job)
                .append(" lacks them or no attribute mapping uses them.</p>\n<table>\n<thead><tr><th>Attribute</th>"
                        + "<th>In the mapping</th><th>Why</th><th>What to fix</th></tr></thead>\n<tbody>\n");
        for (JsonNode attribute : dropped) {
            html.append("<tr class=\"dropped\"><td><code>").append(escape(attribute.path("attribute").asText("")))
                    .append("</code></td><td>").append(escape(attribute.path("where").asText("")))
                    .append("</td><td>").append(escape(attribute.path("reason").asText("")))
                    .append("</td><td class=\"detail\">").append(escape(attribute.path("fix").asText("")))
                    .append("</td></tr>\n");
        }
        write(out, html.append("</tbody></table></section>\n").toString());
    }

    private static void reasons(Iterable<Group> groups, long problems, Writer out) {
        List<Group> sorted = new ArrayList<>();
        groups.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong((Group group) -> group.count).reversed());
        StringBuilder html = new StringBuilder("<section id=\"reasons\"><h2>Failures and rejections by reason</h2>\n");
        if (sorted.isEmpty()) {
            write(out, html.append("<p id=\"no-problems\">No record needs attention.</p></section>\n").toString());
            return;
        }
        html.append("<p>").append(problems).append(" record(s) need attention, for ").append(sorted.size())
                .append(" reason(s).</p>\n<table>\n<thead><tr><th>Outcome</th><th>Reason</th><th>Records</th>"
                        + "<th>Example</th><th>What to fix</th><th>Who fixes it</th></tr></thead>\n<tbody>\n");
        for (Group group : sorted) {
            html.append("<tr class=\"reason\" data-outcome=\"").append(escape(group.outcome)).append("\"><td>")
                    .append(escape(group.outcome)).append("</td><td class=\"detail\">")
                    .append(Html.isolated(group.reason))
                    .append("</td><td class=\"n count\">").append(group.count).append("</td><td class=\"detail\">")
                    .append(Html.isolated(group.exampleLine)).append("</td><td class=\"detail\">")
                    .append(escape(group.advice.fix())).append("</td><td class=\"who ").append(group.advice.who()
                            .cssClass()).append("\">").append(escape(group.advice.who().label()))
                    .append("</td></tr>\n");
        }
        write(out, html.append("</tbody></table></section>\n").toString());
    }

    private static void quota(JsonNode report, Writer out) {
        JsonNode calls = report.path("calls");
        JsonNode quota = report.path("quota");
        StringBuilder html = new StringBuilder("<section id=\"quota\"><h2>Calls and quota</h2>\n<table>\n");
        row(html, "calls-accepted", "calls accepted (this attempt)", calls.path("accepted").asLong());
        row(html, "calls-accepted-all", "calls accepted (all attempts)",
                calls.path("acceptedOverAllAttempts").asLong());
        row(html, "calls-refused", "calls refused", calls.path("refused").asLong());
        row(html, "retries", "HTTP retries", calls.path("retries").asLong());
        row(html, "throttled", "throttled (429)", calls.path("throttled").asLong());
        if (quota.isObject()) {
            row(html, "quota-used", "quota used in the last 24 h", quota.path("used").asLong());
            row(html, "quota-limit", "daily quota (calls per 24 h)", quota.path("limit").asLong());
            row(html, "quota-left", "quota left", quota.path("left").asLong());
        }
        html.append("</table>\n");
        if (!quota.isObject()) {
            html.append("<p class=\"note\">The quota was not read in this run.</p>\n");
        }
        write(out, html.append("</section>\n").toString());
    }

    private static void plan(JsonNode report, Writer out) {
        JsonNode plan = report.path("plan");
        JsonNode cycles = report.path("managerCycles");
        JsonNode unique = report.path("unique");
        if (!plan.isObject() && (!cycles.isArray() || cycles.isEmpty()) && (!unique.isArray() || unique.isEmpty())) {
            return;
        }
        StringBuilder html = new StringBuilder("<section id=\"plan\"><h2>What the run decided</h2>\n");
        if (plan.isObject()) {
            html.append("<p>Mode: <b>").append(escape(plan.path("mode").asText(""))).append("</b>")
                    .append(plan.path("held").asBoolean() ? " — <span class=\"who-admin\">HELD by the mass-change"
                            + " guard</span>" : "").append("</p>\n<table>\n");
            row(html, "plan-creates", "new records", plan.path("creates").asLong());
            row(html, "plan-updates", "changed records", plan.path("updates").asLong());
            row(html, "plan-retried", "sent again after a failure", plan.path("retried").asLong());
            row(html, "plan-disables", "leavers disabled", plan.path("disables").asLong());
            row(html, "plan-waiting", "leavers waiting for the grace period", plan.path("waitingLeavers").asLong());
            html.append("</table>\n");
            for (JsonNode reason : plan.path("holdReasons")) {
                html.append("<p class=\"who-admin\">").append(escape(reason.asText())).append("</p>\n");
            }
            if (!plan.path("approval").asText("").isEmpty()) {
                html.append("<p>").append(escape(plan.path("approval").asText())).append("</p>\n");
            }
            if (!plan.path("leavers").asText("").isEmpty()) {
                html.append("<p class=\"note\">").append(escape(plan.path("leavers").asText())).append("</p>\n");
            }
        }
        if (cycles.isArray() && !cycles.isEmpty()) {
            html.append("<p>Manager loops broken:</p><ul>\n");
            cycles.forEach(cycle -> html.append("<li>").append(escape(cycle.asText())).append("</li>\n"));
            html.append("</ul>\n");
        }
        // kept, given now, taken by whom, the directory check: one text per unique attribute, its lines as items
        unique.forEach(attribute -> html.append("<ul class=\"unique\">\n").append(attribute.asText().lines()
                .map(line -> "<li>" + escape(line.strip()) + "</li>\n").reduce("", String::concat)).append("</ul>\n"));
        write(out, html.append("</section>\n").toString());
    }

    private static void problemList(Path results, long problems, String source, Writer out) {
        write(out, "<section id=\"problems\"><h2>Records that need attention (" + problems + ")</h2>\n");
        if (problems == 0) {
            write(out, "<p>None.</p></section>\n");
            return;
        }
        write(out, "<p class=\"note\">Everything that happened to one person across runs: the command in the last "
                + "column (docs/monitoring.md, What happened to this person?).</p>\n<table>\n<thead><tr><th>Line</th>"
                + "<th>externalId</th><th>Outcome</th><th>Detail</th><th>Trail</th></tr></thead>\n<tbody>\n");
        long[] listed = {0};
        forEachLine(results, line -> {
            if (!ProblemAdvice.isProblem(line.outcome) || listed[0] >= PROBLEMS_LISTED) {
                return;
            }
            listed[0]++;
            write(out, "<tr><td class=\"n\">" + escape(line.position) + "</td><td>" + Html.isolated(line.externalId)
                    + "</td><td>" + escape(line.outcome) + "</td><td class=\"detail\">" + Html.isolated(line.detail)
                    + "</td><td class=\"trace\">" + traceCommand(source, line.externalId) + "</td></tr>\n");
        });
        write(out, "</tbody></table>\n");
        if (problems > listed[0]) {
            write(out, "<p id=\"more\">… and " + (problems - listed[0])
                    + " more: every record is in results.csv.</p>\n");
        }
        write(out, "</section>\n");
    }

    /** The {@code trace} command for one person, quoted for a shell, escaped and isolated for the page. */
    static String traceCommand(String source, String externalId) {
        if (externalId == null || externalId.isEmpty()) {
            return "";
        }
        return "<code>" + Html.isolated("entra-inbound-sync trace --source " + shellQuoted(source) + " --external-id "
                + shellQuoted(externalId)) + "</code>";
    }

    private static String shellQuoted(String value) {
        return value.matches("[A-Za-z0-9._@-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }

    private static String example(Line line) {
        return "line " + line.position + (line.externalId.isEmpty() ? "" : " (" + line.externalId + ")") + ": "
                + line.detail;
    }

    /** One line of results.csv as text (the outcome may be one this version does not know). */
    private record Line(String position, String externalId, String outcome, String detail) {
    }

    private static void forEachLine(Path results, Consumer<Line> action) {
        try (Reader reader = Files.newBufferedReader(results, StandardCharsets.UTF_8);
             CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(reader)) {
            boolean header = true;
            for (CsvRecord record : csv) {
                if (header) {
                    header = false;
                    continue;
                }
                action.accept(new Line(field(record, 0), field(record, 1), field(record, 2), field(record, 3)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + results + ": " + e.getMessage(), e);
        }
    }

    private static String field(CsvRecord record, int index) {
        return record.getFieldCount() > index ? record.getField(index) : "";
    }
}
