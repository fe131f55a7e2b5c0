package io.entrasync.sync;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.entrasync.run.FileRunResult;

/**
 * What one sync of one API source came to.
 *
 * @param source the source
 * @param outcome the kind of ending
 * @param message for people: what happened, where (page, record) and what to do
 * @param watermarkBefore the stored watermark when the sync started (empty: none yet)
 * @param watermarkAfter the stored watermark when it ended; equal to before unless a run completed
 * @param runs the runs of spools this sync processed (a resumed one first), with their reports
 */
public record ApiSyncResult(String source, Outcome outcome, String message, Optional<String> watermarkBefore,
        Optional<String> watermarkAfter, List<FileRunResult> runs) {

    public enum Outcome {
        /** Everything read has its outcome; the watermark moved to the end of the read. */
        COMPLETED,
        /** The API reported no changes; the watermark moved on. */
        NOTHING_CHANGED,
        /** The daily bulkUpload quota ran out; the spool waits and the next sync sends the rest first. */
        DEFERRED,
        /**
         * The mass-change guard held the run: nothing sent until it is approved; then the next sync resumes the spool.
         */
        HELD,
        /** The provisioning service could not be reached; the next sync resumes the spool. */
        RETRY_LATER,
        /** The HR API could not be read to its end; nothing was sent, the next sync reads the same changes again. */
        READ_FAILED,
        /** The run gave up (unusable mapping, too many rejections, attempts exhausted); see its report. */
        FAILED,
        /** Another sync of the same source was running. */
        BUSY,
        /**
         * The HR API failed {@code circuit.failures} reads in a row: it is not read until the next attempt time
         * ({@code status} shows it); a pending spool was still resumed.
         */
        PAUSED
    }

    public ApiSyncResult {
        runs = List.copyOf(runs);
    }

    /** True when the watermark is where this sync should leave it and nothing waits for a retry. */
    /**
     * True when a later try can finish what this sync could not (the HR API or the service could not be reached):
     * the doors fail such an invocation so that it is counted and alerted on. A held, deferred or failed sync waits
     * for a person or the quota, and trying again changes nothing.
     */
    public boolean retryHelps() {
        return outcome == Outcome.RETRY_LATER || outcome == Outcome.READ_FAILED;
    }

    public boolean succeeded() {
        return outcome == Outcome.COMPLETED || outcome == Outcome.NOTHING_CHANGED;
    }

    /** One line for logs and the command's output. */
    public String describe() {
        return "source '" + source + "': " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " — " + message
                + " (watermark " + watermarkBefore.orElse("none") + (watermarkAfter.equals(watermarkBefore)
                        ? ", unchanged)" : " → " + watermarkAfter.orElse("none") + ")");
    }
}
