package io.entrasync.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;

import io.entrasync.text.Printable;

/**
 * The pieces every page for people shares: escaping, the page head and its one inline style sheet. Pages are
 * self-contained (no scripts, fonts, images or links to anything), so they read offline and as an e-mail attachment;
 * a Content-Security-Policy forbids scripts and every fetch even if a value were ever written unescaped.
 */
public final class Html {

    /** Outcome colours of the bars and legends; an outcome not listed (added later) is grey. */
    private static final Map<String, String> COLOURS = Map.ofEntries(
            Map.entry("created", "#2e7d32"), Map.entry("updated", "#1565c0"), Map.entry("enabled", "#00838f"),
            Map.entry("disabled", "#6a1b9a"), Map.entry("skipped", "#9e9e9e"), Map.entry("unchanged", "#b0bec5"),
            Map.entry("accepted", "#64b5f6"), Map.entry("warning", "#f9a825"), Map.entry("deferred", "#ffb74d"),
            Map.entry("held", "#8d6e63"), Map.entry("rejected", "#e65100"), Map.entry("failed", "#c62828"),
            Map.entry("service-failed", "#b71c1c"), Map.entry("unconfirmed", "#ad1457"),
            Map.entry("created (disabled)", "#558b2f"), Map.entry("updated (disabled)", "#4527a0"),
            Map.entry("held (pre-hire)", "#a1887f"));

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:24px;color:#1a1a1a;\
            max-width:1200px}
            h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.15em;margin:28px 0 8px;border-bottom:1px solid #ddd;\
            padding-bottom:4px}
            .meta{color:#555;margin:0 0 12px}
            .status{display:inline-block;padding:4px 12px;border-radius:4px;font-weight:bold;color:#fff;\
            background:#555}
            .status-completed,.status-complete,.status-ok{background:#2e7d32}
            .status-deferred,.status-running,.status-in-progress,.status-open,.status-held,.status-warn{\
            background:#ef6c00}
            .status-failed,.status-stopped{background:#c62828}
            table{border-collapse:collapse;margin:4px 0 12px}
            th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top;\
            mso-number-format:"\\@"}
            th{background:#f4f4f4}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            .bar{display:flex;height:22px;border:1px solid #bbb;border-radius:3px;overflow:hidden;\
            background:#fafafa;min-width:2px}
            .bar span{display:block;height:100%}
            .legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:6px 18px}
            .swatch{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:middle;\
            border-radius:2px}
            .who-hr{color:#e65100;font-weight:bold}.who-mapping{color:#6a1b9a;font-weight:bold}\
            .who-admin{color:#c62828;font-weight:bold}\
            .who-nothing{color:#2e7d32;font-weight:bold}
            .detail{max-width:640px;word-break:break-word}
            .hours{display:flex;align-items:flex-end;height:120px;gap:3px;border-bottom:1px solid #999;\
            padding-top:4px}
            .hours div{flex:1;background:#1565c0;min-height:1px}
            .note{color:#555;font-size:.9em}
            """;

    private Html() {
    }

    /** Text for an element's content or a quoted attribute value. */
    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                        out.append(' '); // control characters have no business on a page
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Text from HR or a service (an externalId, a file name, a detail) for an element's content, escaped and wrapped in
     * {@code <bdi>}: a right-to-left override (U+202E) or embedding inside it cannot reorder the text around it.
     */
    public static String isolated(String value) {
        return "<bdi>" + escape(value) + "</bdi>";
    }

    /**
     * Text for a title or a heading: control and format characters (bidi overrides and isolates, zero-width) shown
     * as escapes ({@link Printable}), so a blob named {@code x<U+202E>vsc.exe} does not read as "xexe.csv".
     */
    public static String plain(String value) {
        return escape(Printable.escape(value));
    }

    /** A CSS class name part for an outcome or status label: lower-case letters, digits and dashes only. */
    public static String token(String label) {
        return label == null ? "" : label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    public static String colour(String outcome) {
        return COLOURS.getOrDefault(outcome, "#757575");
    }

    /** Opens the document: doctype, the policy that allows no script and no fetch, the title, the style sheet. */
    public static void head(Writer out, String title) {
        write(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " style-src 'unsafe-inline'\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"generator\" content=\"entra-inbound-sync\">\n"
                + "<title>" + plain(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n");
    }

    public static void tail(Writer out) {
        write(out, "</body>\n</html>\n");
    }

    /** A stacked bar of counts by outcome, widths relative to {@code scale} (at least the sum of the counts). */
    public static String bar(Map<String, Long> counts, long scale) {
        long total = Math.max(1, Math.max(scale, counts.values().stream().mapToLong(Long::longValue).sum()));
        StringBuilder bar = new StringBuilder("<div class=\"bar\">");
        counts.forEach((outcome, count) -> {
            if (count > 0) {
                bar.append(String.format(Locale.ROOT, "<span class=\"seg o-%s\" title=\"%s: %d\" style=\"width:%.3f%%;"
                        + "background:%s\"></span>", token(outcome), escape(outcome), count, 100.0 * count / total,
                        colour(outcome)));
            }
        });
        return bar.append("</div>").toString();
    }

    /** The legend of a bar: one swatch, label and count per outcome ({@code data-outcome}, {@code data-count}). */
    public static String legend(Map<String, Long> counts) {
        StringBuilder legend = new StringBuilder("<ul class=\"legend\">");
        counts.forEach((outcome, count) -> legend.append("<li data-outcome=\"").append(escape(outcome))
                .append("\" data-count=\"").append(count).append("\"><span class=\"swatch\" style=\"background:")
                .append(colour(outcome)).append("\"></span>").append(escape(outcome)).append(" <b>").append(count)
                .append("</b></li>"));
        return legend.append("</ul>").toString();
    }

    public static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
