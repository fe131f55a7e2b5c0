package io.entrasync.trail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The few fields compaction needs from a trail line (type, time, externalId, whether it carries values), read with
 * Jackson's streaming parser: no tree, no values map. Compaction reads every line of the segments it folds.
 */
record LineFields(String type, Instant at, String id, boolean hasValues) {

    private static final JsonFactory JSON = new JsonFactory();

    static LineFields of(String line) {
        String type = null;
        String at = null;
        String id = null;
        boolean values = false;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("A trail line is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "type" -> type = parser.getText();
                    case "at" -> at = parser.getText();
                    case "id" -> id = parser.getText();
                    case "values" -> values = true;
                    default -> {
                        // not needed
                    }
                }
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("A trail line is not JSON: " + e.getMessage(), e);
        }
        if (type == null || at == null) {
            throw new IllegalArgumentException("A trail line has no type or time");
        }
        return new LineFields(type, Instant.parse(at), id, values);
    }
}
