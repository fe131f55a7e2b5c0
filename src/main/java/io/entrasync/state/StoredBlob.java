package io.entrasync.state;

/** The content of a state blob together with the ETag that guards the next write. */
public record StoredBlob(byte[] content, String etag) {
}
