package io.entrasync.source.rest;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Streams the records of one page body, one JSON node at a time, so a page (or a single huge Workday report) is
 * never held whole in memory. Scalars outside the records ("the envelope": {@code d.__next},
 * {@code _meta.links.next.href}, {@code totalResults}, {@code latest}) are collected by dotted path; they are
 * complete once {@link #next()} has returned empty.
 */
final class PageReader implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private final JsonParser parser;
    private final String recordsPath;
    private final Map<String, String> envelope = new LinkedHashMap<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private boolean inRecords;
    private boolean recordsArray;
    private boolean recordsFound;
    private boolean finished;

    /** One open container outside the records: its dotted path and, for arrays, the next element index. */
    private static final class Frame {
        final String path;
        final boolean array;
        int index;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }
    }

    PageReader(Path body, String recordsPath) throws IOException {
        this.parser = FACTORY.createParser(body.toFile());
        this.parser.setCodec(JSON);
        this.recordsPath = recordsPath;
    }

    /** The next record of the page (any JSON value: the caller decides whether it is a well-formed record). */
    Optional<JsonNode> next() throws IOException {
        while (!finished) {
            if (inRecords) {
                JsonToken token = parser.nextToken();
                if (!recordsArray && token == JsonToken.FIELD_NAME) {
                    token = parser.nextToken();
                }
                if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
                    inRecords = false;
                    continue;
                }
                if (token == null) {
                    throw new IOException("the body ended inside the records");
                }
                return Optional.of(parser.readValueAsTree());
            }
            scanEnvelope();
        }
        return Optional.empty();
    }

    /** Reads envelope tokens until the records start or the body ends. */
    private void scanEnvelope() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            switch (token) {
                case FIELD_NAME -> {
                }
                case START_OBJECT, START_ARRAY -> {
                    String path = valuePath();
                    if (!recordsFound && path.equals(recordsPath)) {
                        recordsFound = true;
                        inRecords = true;
                        recordsArray = token == JsonToken.START_ARRAY;
                        return;
                    }
                    stack.push(new Frame(path, token == JsonToken.START_ARRAY));
                }
                case END_OBJECT, END_ARRAY -> stack.pop();
                default -> {
                    String path = valuePath();
                    if (!recordsFound && path.equals(recordsPath) && token == JsonToken.VALUE_NULL) {
                        recordsFound = true; // "results": null is an empty page, not a missing location
                    } else if (token != JsonToken.VALUE_NULL) {
                        envelope.put(path, parser.getText());
                    }
                }
            }
        }
        finished = true;
    }

    private String valuePath() throws IOException {
        Frame parent = stack.peek();
        if (parent == null) {
            return "";
        }
        String name = parent.array ? Integer.toString(parent.index++) : parser.currentName();
        return parent.path.isEmpty() ? name : parent.path + "." + name;
    }

    /** Whether the records location was present in the body (valid once the page is exhausted). */
    boolean recordsFound() {
        return recordsFound;
    }

    Optional<String> envelope(String dottedPath) {
        return Optional.ofNullable(envelope.get(dottedPath));
    }

    /** Where the parser stands, for error messages about a broken body. */
    String position() {
        var location = parser.currentLocation();
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
