package io.entrasync.validate;

import java.util.List;
import java.util.Map;

import io.entrasync.mapping.RejectionReason;

/**
 * The totals of one extract run through {@link ExtractPipeline}. {@code recordsRead == valid + rejected} always.
 *
 * @param extract the extract's name
 * @param encoding how it was read ({@code "UTF-8, delimiter ','"})
 * @param columns the header's column names
 * @param recordsRead data rows read (blank lines are not records)
 * @param valid records that became a valid user
 * @param rejected records that did not
 * @param rejectedByReason rejected records per reason, in {@link RejectionReason} order; a record with two
 *        reasons counts under both
 * @param duplicatedExternalIds distinct externalIds that several records share
 * @param unique how each unique attribute of the mapping was given out (empty when the mapping declares none)
 */
public record ExtractSummary(String extract, String encoding, List<String> columns, long recordsRead, long valid,
        long rejected, Map<RejectionReason, Long> rejectedByReason, int duplicatedExternalIds,
        List<UniqueSummary> unique) {

    /** A few lines for people: totals, then one line per rejection reason. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(extract).append(" (").append(encoding).append(", ").append(columns.size()).append(" columns): ")
                .append(recordsRead).append(" records read, ").append(valid).append(" valid, ").append(rejected)
                .append(" rejected");
        rejectedByReason.forEach((reason, count) -> text.append(System.lineSeparator()).append("  ")
                .append(reason.label()).append(": ").append(count));
        if (duplicatedExternalIds > 0) {
            text.append(System.lineSeparator()).append("  (").append(duplicatedExternalIds)
                    .append(" externalIds are shared by several records; all of those records are rejected)");
        }
        unique.forEach(summary -> text.append(System.lineSeparator()).append("  ").append(summary.describe()));
        return text.toString();
    }
}
