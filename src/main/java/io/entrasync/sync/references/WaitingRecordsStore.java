package io.entrasync.sync.references;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.entrasync.state.StateStore;

/**
 * Keeps each source's {@link WaitingRecords} as {@code <source>/references-waiting.json.gz} beside its reference
 * index: gzip'd JSON, written and read as a stream, {@code {"records":[{"id":"E1","location":"page 1, record 2",
 * "reads":1,"resent":false,"values":{…}},…]}}. Absent when nothing waits.
 */
public final class WaitingRecordsStore {

    private static final JsonFactory JSON = new JsonFactory();

    private final StateStore state;

    public WaitingRecordsStore(StateStore state) {
        this.state = state;
    }

    public static String pathOf(String source) {
        return source + "/references-waiting.json.gz";
    }

    /** The records of {@code source} that wait for a reference; none when nothing is stored. */
    public WaitingRecords load(String source) {
        WaitingRecords waiting = new WaitingRecords();
        state.read(pathOf(source)).ifPresent(blob -> {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(blob.content()), 64 * 1024);
                 JsonParser json = JSON.createParser(in)) {
                read(json, waiting);
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable list of records waiting for a reference "
                        + pathOf(source) + " of source '" + source + "': " + e.getMessage() + ". Delete it and run "
                        + "sync --source " + source + " --full: a full read finds every such record again.", e);
            }
        });
        return waiting;
    }

    /** Stores {@code waiting} as the source's list (the sync holds the source's lease while it does). */
    public void save(String source, WaitingRecords waiting) {
        if (waiting.size() == 0) {
            state.delete(pathOf(source));
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024);
             JsonGenerator json = JSON.createGenerator(gzip)) {
            json.writeStartObject();
            json.writeArrayFieldStart("records");
            for (WaitingRecord record : waiting.all()) {
                write(json, record);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.put(pathOf(source), bytes.toByteArray());
    }

    /**
     * Forgets the records that went into the spool whose run has just completed: they were sent (or rejected for
     * another reason) and have their outcome.
     */
    public void confirmSent(String source) {
        WaitingRecords waiting = load(source);
        if (waiting.dropSent()) {
            save(source, waiting);
        }
    }

    private static void write(JsonGenerator json, WaitingRecord record) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", record.id());
        json.writeStringField("location", record.location());
        json.writeNumberField("reads", record.reads());
        json.writeBooleanField("resent", record.resent());
        json.writeObjectFieldStart("values");
        for (Map.Entry<String, String> value : record.values().entrySet()) {
            json.writeStringField(value.getKey(), value.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void read(JsonParser json, WaitingRecords waiting) throws IOException {
        expect(json.nextToken(), JsonToken.START_OBJECT);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            if (name.equals("records")) {
                expect(json.currentToken(), JsonToken.START_ARRAY);
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    waiting.add(readRecord(json));
                }
            } else {
                json.skipChildren();
            }
        }
    }

    private static WaitingRecord readRecord(JsonParser json) throws IOException {
        String id = null;
        String location = "";
        int reads = 1;
        boolean resent = false;
        Map<String, String> values = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken token = json.nextToken();
            switch (name) {
                case "id" -> id = json.getText();
                case "location" -> location = json.getText();
                case "reads" -> reads = json.getIntValue();
                case "resent" -> resent = token == JsonToken.VALUE_TRUE;
                case "values" -> readValues(json, values);
                default -> json.skipChildren();
            }
        }
        if (id == null) {
            throw new IOException("a record without an id");
        }
        return new WaitingRecord(id, location, values, reads, resent);
    }

    private static void readValues(JsonParser json, Map<String, String> values) throws IOException {
        expect(json.currentToken(), JsonToken.START_OBJECT);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            values.put(key, json.nextTextValue());
        }
    }

    private static void expect(JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("expected " + expected + ", found " + token);
        }
    }
}
