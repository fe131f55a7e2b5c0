package io.entrasync.sync.references;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.entrasync.state.StateStore;

/**
 * Keeps each source's {@link ReferenceIndex} as {@code <source>/references.json} beside its watermark, so that an
 * incremental read can translate a reference to a record it did not read again (the manager did not change). Written
 * and read as a stream: {@code {"idField":"externalId","keys":{"id":{"2819c223…":"E1001",…}}}}. An index filled for
 * another id field or other key fields is not used (its entries would translate to the wrong thing); the next read
 * fills a new one.
 */
public final class ReferenceIndexStore {

    private static final JsonFactory JSON = new JsonFactory();

    private final StateStore state;

    public ReferenceIndexStore(StateStore state) {
        this.state = state;
    }

    /** The records of each source that wait for a reference, kept in the same state container. */
    public WaitingRecordsStore waiting() {
        return new WaitingRecordsStore(state);
    }

    public static String pathOf(String source) {
        return source + "/references.json";
    }

    /** The stored index of {@code source} for {@code rules}; empty when none is stored or it was filled otherwise. */
    public ReferenceIndex load(String source, ReferenceRules rules) {
        ReferenceIndex index = new ReferenceIndex(rules);
        state.read(pathOf(source)).ifPresent(blob -> {
            try (JsonParser json = JSON.createParser(blob.content())) {
                read(json, index);
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable reference index " + pathOf(source) + " of source '"
                        + source + "': " + e.getMessage() + ". Delete it: the next full sync "
                        + "(sync --source " + source + " --full) fills it again.", e);
            }
        });
        return index;
    }

    private static void read(JsonParser json, ReferenceIndex index) throws IOException {
        expect(json.nextToken(), JsonToken.START_OBJECT);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            if (name.equals("idField")) {
                if (!index.idField().equals(json.getText())) {
                    return;
                }
            } else if (name.equals("keys")) {
                readKeys(json, index);
            } else {
                json.skipChildren();
            }
        }
    }

    private static void readKeys(JsonParser json, ReferenceIndex index) throws IOException {
        expect(json.currentToken(), JsonToken.START_OBJECT);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String keyField = json.currentName();
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String key = json.currentName();
                index.put(keyField, key, json.nextTextValue());
            }
        }
    }

    private static void expect(JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("expected " + expected + ", found " + token);
        }
    }

    /** Stores {@code index} as the source's index (the sync holds the source's lease while it does). */
    public void save(String source, ReferenceIndex index) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("idField", index.idField());
            json.writeObjectFieldStart("keys");
            for (Map.Entry<String, Map<String, String>> keyField : index.entries().entrySet()) {
                json.writeObjectFieldStart(keyField.getKey());
                for (Map.Entry<String, String> entry : keyField.getValue().entrySet()) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.put(pathOf(source), bytes.toByteArray());
    }
}
