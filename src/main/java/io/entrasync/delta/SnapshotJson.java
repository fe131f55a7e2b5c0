package io.entrasync.delta;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A user's JSON as the snapshot keeps it: the bytes that were sent, and back. */
final class SnapshotJson {

    private final ObjectMapper mapper;

    SnapshotJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    byte[] bytes(ObjectNode data) {
        try {
            return mapper.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode tree(byte[] json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
