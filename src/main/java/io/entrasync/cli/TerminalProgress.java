package io.entrasync.cli;

import java.io.PrintStream;

import io.entrasync.validate.ProgressListener;

/** A one-line progress indicator on stderr, only when a person is watching (a console is attached). */
final class TerminalProgress implements ProgressListener {

    private final PrintStream out;
    private final boolean enabled;
    private long lastPrint;

    TerminalProgress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    static TerminalProgress forConsole() {
        return new TerminalProgress(System.err, Terminal.attached());
    }

    @Override
    public void progress(Pass pass, long recordsSoFar, long total) {
        long now = System.nanoTime();
        if (!enabled || (now - lastPrint < 200_000_000L && recordsSoFar != total)) {
            return;
        }
        lastPrint = now;
        String what = pass == Pass.INDEX ? "indexing externalIds" : "mapping and validating";
        String count = total > 0 ? String.format("%,d / %,d records (%d%%)", recordsSoFar, total,
                recordsSoFar * 100 / total) : String.format("%,d records", recordsSoFar);
        out.print("\r" + what + ": " + count + "    ");
        out.flush();
    }

    void done() {
        if (enabled && lastPrint != 0) {
            out.print("\r" + " ".repeat(70) + "\r");
            out.flush();
        }
    }
}
