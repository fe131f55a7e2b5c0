package io.entrasync.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the spool of an HR API read: UTF-8 JSON lines, one entry of the API per line, in the order the API returned
 * them. A record keeps the position and location it had in the read ({@code "page 3, record 7"}); an entry the
 * connector could not turn into a record is a {@code malformed} line and becomes a {@link SourceRow.Malformed}, so it
 * ends as a rejection in the run's report like a broken CSV row.
 * <pre>
 * {"position":1,"location":"page 1, record 1","values":{"userId":"u1","address.city":"Oslo"}}
 * {"position":4,"location":"page 2, record 2","malformed":"source 'sf', page 2, record 2: the record has no 'userId'
 * ...","values":{}}
 * </pre>
 * The records have no common header ({@link #columns()} is empty): a value a record lacks is missing from it, and the
 * mapping reports it per record.
 *
 * <p>Bounded like the other readers ({@link ExtractLimits}): a line longer than {@code maxRowLength} characters, or a
 * value longer than {@code maxCellLength}, is one rejected record and reading goes on at the next line.
 */
public final class JsonLinesRecordSource implements ExtractReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExtractInput input;
    private final BufferedReader reader;
    private final boolean trim;
    private final ExtractLimits limits;
    private long lineNumber;
    private final StringBuilder line = new StringBuilder(256);
    private final char[] buffer = new char[1 << 14];
    private int bufferPosition;
    private int bufferEnd;

    private JsonLinesRecordSource(ExtractInput input, BufferedReader reader) {
        this.input = input;
        this.reader = reader;
        this.trim = input.options().trimValues();
        this.limits = input.options().limits();
    }

    public static JsonLinesRecordSource open(ExtractInput input) {
        try {
            return new JsonLinesRecordSource(input, new BufferedReader(new InputStreamReader(input.opener().open(),
                    StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new ExtractException("Cannot open " + input.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    public String describeEncoding() {
        return "UTF-8 JSON lines (HR API spool)";
    }

    @Override
    public SourceRow next() {
        String line;
        long length;
        try {
            do {
                length = readLine();
                line = length < 0 ? null : length > limits.maxRowLength() ? "" : this.line.toString();
                lineNumber++;
            } while (line != null && line.isBlank() && length <= limits.maxRowLength());
        } catch (IOException e) {
            throw new ExtractException("Cannot read " + input.name() + " at line " + lineNumber + ": " + e.getMessage(),
                    e);
        }
        if (line == null) {
            return null;
        }
        if (length > limits.maxRowLength()) {
            return new SourceRow.Malformed(lineNumber, "spool line " + lineNumber, input.name() + ", line "
                    + lineNumber + " holds " + length + " characters, more than the limit of " + limits.maxRowLength()
                    + " (setting sync.sources.<source>.extract.max-row-length); the API returned an entry too large to"
                    + " be a person's record", Map.of());
        }
        JsonNode entry;
        try {
            entry = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return new SourceRow.Malformed(lineNumber, "spool line " + lineNumber, input.name() + ", line "
                    + lineNumber + " is not a JSON object (" + e.getOriginalMessage() + "); the spool was damaged. "
                    + "Run a full sync of this source to read the API again.", Map.of());
        }
        long position = entry.path("position").asLong(lineNumber);
        String location = entry.path("location").asText("spool line " + lineNumber);
        Map<String, String> values = new LinkedHashMap<>();
        entry.path("values").fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                String value = field.getValue().asText();
                values.put(field.getKey(), trim ? value.strip() : value);
            }
        });
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (value.getValue().length() > limits.maxCellLength()) {
                int tooLong = value.getValue().length();
                value.setValue("");
                return new SourceRow.Malformed(position, location, "'" + value.getKey() + "' holds " + tooLong
                        + " characters, more than the limit of " + limits.maxCellLength() + " (setting "
                        + "sync.sources.<source>.extract.max-cell-length)", values);
            }
        }
        if (entry.hasNonNull("malformed")) {
            return new SourceRow.Malformed(position, location, entry.get("malformed").asText(), values);
        }
        return new SourceRow.Parsed(new SourceRecord(position, location, Collections.unmodifiableMap(values)));
    }

    /**
     * Reads the next line into {@link #line}, keeping at most {@code maxRowLength + 1} characters.
     *
     * @return the line's full length, -1 at the end of the spool
     */
    private long readLine() throws IOException {
        line.setLength(0);
        long length = 0;
        int keep = limits.maxRowLength() + 1;
        while (true) {
            if (bufferPosition == bufferEnd) {
                bufferEnd = reader.read(buffer);
                bufferPosition = 0;
                if (bufferEnd <= 0) {
                    bufferEnd = 0;
                    return length == 0 ? -1 : length;
                }
            }
            int start = bufferPosition;
            int end = start;
            while (end < bufferEnd && buffer[end] != '\n') {
                end++;
            }
            int chunk = end - start;
            if (chunk > 0 && buffer[end - 1] == '\r' && end < bufferEnd) {
                chunk--;
            }
            if (length + chunk <= keep) {
                line.append(buffer, start, chunk);
            } else if (length < keep) {
                line.append(buffer, start, (int) (keep - length));
            }
            length += chunk;
            bufferPosition = end < bufferEnd ? end + 1 : end;
            if (end < bufferEnd) {
                return length;
            }
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a spool in the format this class reads. Not thread-safe; close it to flush. */
    public static final class Writer implements AutoCloseable {

        private final OutputStream out;
        private final JsonGenerator json;

        public Writer(OutputStream out) {
            this.out = out;
            try {
                this.json = JSON.getFactory().createGenerator(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            json.setRootValueSeparator(null);
        }

        /** An entry as read: a record, or one that could not become one. */
        public void write(SourceRow row) {
            if (row instanceof SourceRow.Parsed parsed) {
                record(parsed.position(), parsed.location(), parsed.record().values());
            } else {
                SourceRow.Malformed bad = (SourceRow.Malformed) row;
                malformed(bad.position(), bad.location(), bad.reason(), bad.partialValues());
            }
        }

        /** A record as read from the API. */
        public void record(long position, String location, Map<String, String> values) {
            write(position, location, null, values);
        }

        /**
         * An entry that could not become a record.
         *
         * @param partialValues what is known of it (its id), so the report can name it
         */
        public void malformed(long position, String location, String reason, Map<String, String> partialValues) {
            write(position, location, reason, partialValues);
        }

        private void write(long position, String location, String malformed, Map<String, String> values) {
            try {
                json.writeStartObject();
                json.writeNumberField("position", position);
                json.writeStringField("location", location);
                if (malformed != null) {
                    json.writeStringField("malformed", malformed);
                }
                json.writeObjectFieldStart("values");
                for (Map.Entry<String, String> value : values.entrySet()) {
                    json.writeStringField(value.getKey(), value.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
                json.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the spool: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                json.close();
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
