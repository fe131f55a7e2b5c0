package io.entrasync.run;

import java.util.Optional;

import io.entrasync.report.RunReport;

/**
 * What processing one inbound blob came to.
 *
 * @param blobName the inbound blob
 * @param outcome the kind of ending
 * @param message for people
 * @param report the run report, when a run took place
 * @param reportName the report's blob name in the processed container, when written
 */
public record FileRunResult(String blobName, Outcome outcome, String message, Optional<RunReport> report,
        Optional<String> reportName) {

    public enum Outcome {
        /** Every record has its outcome; the extract moved to the processed container. */
        PROCESSED,
        /** The daily quota ran out; the extract stays in inbound and the rest is sent later. */
        DEFERRED,
        /** The service could not be reached or refused the configuration; the next delivery retries. */
        RETRY_LATER,
        /** The same content under the same name was already processed: nothing was sent again. */
        DUPLICATE,
        /** The blob is no longer in inbound (processed by an earlier delivery, or removed). */
        GONE,
        /** The extract is unusable or its source unknown; it moved to the failed container. */
        FAILED,
        /** The mass-change guard held the run: nothing was sent; the extract waits in inbound for approval. */
        HELD
    }

    /** True when a later try can finish the run (the service or storage could not be reached): fail the invocation. */
    public boolean retryHelps() {
        return outcome == Outcome.RETRY_LATER;
    }

    static FileRunResult without(String blobName, Outcome outcome, String message) {
        return new FileRunResult(blobName, outcome, message, Optional.empty(), Optional.empty());
    }
}
