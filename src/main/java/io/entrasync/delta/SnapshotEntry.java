package io.entrasync.delta;

/**
 * One record of a snapshot: what the service last accepted for an externalId.
 *
 * @param externalId the source anchor
 * @param hash 64-bit hash of {@code user} as sent ({@link SnapshotHash#ofUser})
 * @param missing consecutive complete extracts this record has been missing from (0 while present)
 * @param disabled true once it was sent as a leaver ({@code active: false})
 * @param user the complete SCIM user JSON as last sent (null when read without users)
 */
public record SnapshotEntry(String externalId, long hash, int missing, boolean disabled, byte[] user) {
}
