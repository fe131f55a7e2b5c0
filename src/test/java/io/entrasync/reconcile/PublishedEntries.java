package io.entrasync.reconcile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The provisioning-log entries in {@code src/test/resources/reconcile/microsoft/} (see its README for sources). */
final class PublishedEntries {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] FILES = {"inbound-api-log-sample.json",
            "graph-reference-list-provisioningobjectsummary-error.json", "composed-skipped-and-disable.json"};

    private PublishedEntries() {
    }

    /** A copy of the entry with this {@code id}. */
    static ObjectNode entry(String id) {
        for (String file : FILES) {
            for (JsonNode entry : read(file).path("value")) {
                if (id.equals(entry.path("id").asText())) {
                    return entry.deepCopy();
                }
            }
        }
        throw new IllegalArgumentException("no published entry " + id);
    }

    static LogEntryView view(ObjectNode entry) {
        return LogEntryView.parse(entry);
    }

    private static JsonNode read(String file) {
        try (InputStream in = PublishedEntries.class.getResourceAsStream("/reconcile/microsoft/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource reconcile/microsoft/" + file);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
