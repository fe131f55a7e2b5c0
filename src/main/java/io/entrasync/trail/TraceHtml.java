package io.entrasync.trail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.entrasync.report.Html;

/**
 * {@code trace --html FILE}: one person's trail as a self-contained page in the style of the run report page
 * ({@link Html}: no script, no external reference, every value from HR or the service escaped and bidi-isolated).
 */
public final class TraceHtml {

    private TraceHtml() {
    }

    public static void write(Trace trace, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            render(trace, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    static void render(Trace trace, Writer out) {
        Html.head(out, "Trail of " + trace.externalId() + " in " + trace.source());
        Html.write(out, "<h1>Trail of " + Html.isolated(trace.externalId()) + " in source "
                + Html.isolated(trace.source()) + "</h1>\n");
        if (!trace.found()) {
            Html.write(out, "<p>" + Html.escape(trace.note()) + "</p>\n");
            Html.tail(out);
            return;
        }
        Trace.Standing now = trace.now();
        Html.write(out, "<h2>Now</h2>\n<table>\n");
        row(out, "last service verdict", now.lastVerdict() == null ? "none yet" : now.lastVerdict());
        if (now.open() != null) {
            row(out, "open", now.open());
        }
        if (now.values() != null) {
            for (Map.Entry<String, String> value : now.values().entrySet()) {
                row(out, value.getKey(), value.getValue());
            }
        }
        Html.write(out, "</table>\n<h2>What happened (newest first)</h2>\n<table>\n<tr><th>when</th><th>run</th>"
                + "<th>file, record</th><th>event</th><th>outcome</th><th>detail</th></tr>\n");
        for (Trace.Entry entry : trace.entries()) {
            StringBuilder detail = new StringBuilder(Html.isolated(entry.detail()));
            if (entry.changes() != null) {
                for (Trace.Change change : entry.changes()) {
                    detail.append("<br>").append(Html.isolated(change.attribute())).append(": ")
                            .append(Html.isolated(change.before() == null ? "(none)" : change.before()))
                            .append(" → ").append(Html.isolated(change.after() == null ? "(none)" : change.after()));
                }
            }
            Html.write(out, "<tr><td>" + Html.escape(String.valueOf(entry.at())) + "</td><td>"
                    + Html.isolated(entry.run()) + "</td><td>" + Html.isolated(entry.file())
                    + (entry.position() == null || entry.position() == 0 ? "" : ", " + entry.position())
                    + "</td><td>" + Html.escape(entry.event()) + "</td><td class=\"o-" + Html.token(entry.outcome())
                    + "\">" + Html.escape(entry.outcome()) + "</td><td>" + detail + "</td></tr>\n");
        }
        Html.write(out, "</table>\n");
        Html.tail(out);
    }

    private static void row(Writer out, String name, String value) {
        Html.write(out, "<tr><th>" + Html.isolated(name) + "</th><td>" + Html.isolated(value) + "</td></tr>\n");
    }
}
