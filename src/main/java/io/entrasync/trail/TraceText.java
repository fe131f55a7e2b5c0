package io.entrasync.trail;

import java.io.PrintWriter;
import java.util.Map;

/** {@code trace}'s text: where the person stands, then what happened, newest first. */
public final class TraceText {

    private TraceText() {
    }

    public static void print(Trace trace, PrintWriter out) {
        out.println("Trail of " + trace.externalId() + " in source " + trace.source());
        if (!trace.found()) {
            out.println(trace.note());
            return;
        }
        Trace.Standing now = trace.now();
        out.println("Now:");
        if (now.values() != null) {
            out.println("  last sent: " + shortValues(now.values()));
        }
        out.println("  last service verdict: " + (now.lastVerdict() == null ? "none yet" : now.lastVerdict()));
        if (now.open() != null) {
            out.println("  open: " + now.open());
        }
        out.println("What happened (newest first):");
        for (Trace.Entry entry : trace.entries()) {
            out.println("  " + entry.at() + "  run " + entry.run() + (entry.file() == null ? "" : " (" + entry.file()
                    + (entry.position() == null || entry.position() == 0 ? "" : ", record " + entry.position())
                    + ")"));
            String detail = entry.detail() == null ? "" : entry.detail().startsWith(entry.event() + ": ")
                    ? entry.detail().substring(entry.event().length() + 2) : entry.detail();
            out.println("    " + entry.event() + (entry.outcome() == null || entry.outcome().equals(entry.event()) ? ""
                    : " [" + entry.outcome() + "]") + (detail.isEmpty() ? "" : ": " + detail));
            if (entry.changes() != null) {
                for (Trace.Change change : entry.changes()) {
                    out.println("      " + change.attribute() + ": " + shown(change.before()) + " -> "
                            + shown(change.after()));
                }
            }
        }
    }

    private static String shortValues(Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        for (String key : new String[] {"userName", "active", "displayName", "department", "manager.value"}) {
            if (values.containsKey(key)) {
                text.append(text.isEmpty() ? "" : ", ").append(key).append('=').append(values.get(key));
            }
        }
        return text.isEmpty() ? values.toString() : text.toString();
    }

    private static String shown(String value) {
        return value == null ? "(none)" : "\"" + value + "\"";
    }
}
