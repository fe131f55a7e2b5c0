package io.entrasync.plan;

/**
 * A record by the two things a person needs to find it again: its externalId and where it came from.
 *
 * @param externalId the source anchor
 * @param sourcePosition the CSV line number or the record's position in an API read
 */
public record RecordRef(String externalId, long sourcePosition) {
}
