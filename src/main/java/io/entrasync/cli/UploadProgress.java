package io.entrasync.cli;

import java.io.PrintStream;
import java.util.List;

import io.entrasync.upload.AcceptedCall;
import io.entrasync.upload.RecordFailure;
import io.entrasync.upload.UploadListener;

/** A one-line progress bar on stderr, redrawn after every call; silent when stderr is not a terminal. */
final class UploadProgress implements UploadListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean enabled;
    private final int totalCalls;
    private final long totalRecords;
    private final long started = System.nanoTime();
    private int calls;
    private long records;

    UploadProgress(PrintStream out, boolean enabled, int startBatch, int totalCalls, long totalRecords) {
        this.out = out;
        this.enabled = enabled;
        this.calls = startBatch;
        this.totalCalls = totalCalls;
        this.totalRecords = totalRecords;
    }

    @Override
    public void onAccepted(AcceptedCall call) {
        calls++;
        records += call.records().size();
        draw();
    }

    @Override
    public void onRejected(int batchIndex, List<RecordFailure> failures) {
        calls++;
        records += failures.size();
        draw();
    }

    void finish() {
        if (enabled && calls > 0) {
            out.print('\n');
            out.flush();
        }
    }

    private void draw() {
        if (!enabled) {
            return;
        }
        int filled = totalCalls == 0 ? WIDTH : (int) ((long) WIDTH * calls / totalCalls);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("\r[%s%s] %d/%d calls  %d/%d records  %.1f s ", "#".repeat(filled), "-".repeat(WIDTH - filled),
                calls, totalCalls, records, totalRecords, seconds);
        out.flush();
    }
}
