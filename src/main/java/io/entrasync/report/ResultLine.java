package io.entrasync.report;

/**
 * One line of {@code <file>.results.csv}: what happened to one input record.
 *
 * @param position the CSV line number (or API record number) of the input record
 * @param externalId its externalId, empty when it could not be read
 * @param outcome the outcome
 * @param detail why, for a person: the rule that rejected it, the service's reason, the call that carried it
 */
public record ResultLine(long position, String externalId, RecordOutcome outcome, String detail) {
}
