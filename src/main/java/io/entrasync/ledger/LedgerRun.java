package io.entrasync.ledger;

/**
 * The run a sent record belongs to, and where its reports are.
 *
 * @param source the source's name
 * @param runId the run ({@code <yyyyMMdd'T'HHmmss'Z'>-<hash of name and content>}, see {@code RunIds})
 * @param reportFolder the run's name in the processed container, {@code <source>/<runId>/<file>}: reconciliation
 *        completes {@code <reportFolder>.results.csv} and {@code <reportFolder>.report.json}
 * @param jobId the provisioning job the records were sent to
 */
public record LedgerRun(String source, String runId, String reportFolder, String jobId) {
}
