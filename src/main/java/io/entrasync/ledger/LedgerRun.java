package io.entrasync.ledger;

import java.util.Map;

/**
 * The run a sent record belongs to, and where its reports are.
 *
 * @param source the source's name
 * @param runId the run ({@code <yyyyMMdd'T'HHmmss'Z'>-<hash of name and content>}, see {@code RunIds})
 * @param reportFolder the run's name in the processed container, {@code <source>/<runId>/<file>}: reconciliation
 *        completes {@code <reportFolder>.results.csv} and {@code <reportFolder>.report.json}
 * @param jobId the provisioning job the records were sent to
 * @param ruleOrigins the mapping entry (and its line) that made each property Entra ID keeps unique, when the run
 *        was sent ({@code Mapping.ruleOrigins()}): a service conflict on one names it; empty in runs of older versions
 * @param managersNotSent managers this run did not send although records it sent name them, with why ("rejected by
 *        validation: …"; {@code plan.UnsentManagers}): a dependent's "created without manager" names it; may be empty
 */
public record LedgerRun(String source, String runId, String reportFolder, String jobId,
        Map<String, String> ruleOrigins, Map<String, String> managersNotSent) {

    public LedgerRun {
        ruleOrigins = ruleOrigins == null ? Map.of() : Map.copyOf(ruleOrigins);
        managersNotSent = managersNotSent == null ? Map.of() : Map.copyOf(managersNotSent);
    }
}
