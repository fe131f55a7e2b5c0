package io.entrasync.delta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.entrasync.state.StateStore;
import io.entrasync.state.StoredBlob;

/**
 * A source's snapshot in the state container:
 * <pre>
 * &lt;source&gt;/snapshot/current.json                       the current generation ({@link SnapshotManifest})
 * &lt;source&gt;/snapshot/shards/&lt;generation&gt;/s07.jsonl.gz     one shard: gzip'd JSON lines, one record each
 * </pre>
 * A shard line is {@code {"id":"E1","h":"<16 hex>","m":0,"d":false,"u":{...the SCIM user as sent...}}}. Shards are
 * read one at a time (a few MB at a million records), so no reader ever holds the whole snapshot.
 */
public final class SnapshotStore {

    private static final Logger LOG = Logger.getLogger(SnapshotStore.class);

    private final StateStore state;
    private final ObjectMapper mapper;

    public SnapshotStore(StateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The manifest with the ETag its replacement must match. */
    public record Current(SnapshotManifest manifest, String etag) {
    }

    static String currentPath(String source) {
        return source + "/snapshot/current.json";
    }

    static String shardPath(String source, String generation, int shard) {
        return String.format("%s/snapshot/shards/%s/s%02d.jsonl.gz", source, generation, shard);
    }

    /** The current generation; an empty snapshot (etag null) before the first run. */
    public Current current(String source) {
        Optional<StoredBlob> blob = state.read(currentPath(source));
        if (blob.isEmpty()) {
            return new Current(SnapshotManifest.empty(), null);
        }
        try {
            return new Current(mapper.readValue(blob.get().content(), SnapshotManifest.class), blob.get().etag());
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable snapshot manifest " + currentPath(source) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Makes {@code manifest} current if the current one is still {@code expected}; else ConcurrentUpdateException. */
    public String swap(String source, Current expected, SnapshotManifest manifest) {
        byte[] json = json(manifest);
        return expected.etag() == null ? state.create(currentPath(source), json)
                : state.replace(currentPath(source), json, expected.etag());
    }

    /** Every record of a generation, shard by shard; users are skipped unless {@code withUsers}. */
    public void forEach(SnapshotManifest manifest, boolean withUsers, Consumer<SnapshotEntry> consumer) {
        for (String shard : manifest.shards()) {
            forEachInShard(shard, withUsers, consumer);
        }
    }

    /** The records of one shard blob (none for an empty name). */
    public void forEachInShard(String shardBlob, boolean withUsers, Consumer<SnapshotEntry> consumer) {
        if (shardBlob == null || shardBlob.isEmpty()) {
            return;
        }
        StoredBlob blob = state.read(shardBlob).orElseThrow(() -> new IllegalStateException("Snapshot shard "
                + shardBlob + " is missing from the state container; the snapshot cannot be read. Remove "
                + shardBlob.substring(0, shardBlob.indexOf("/snapshot/")) + "/snapshot/current.json to start over "
                + "(the next run then sends every record)."));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(blob.content()), 64 * 1024)) {
            forEachInStream(in, withUsers, consumer);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable snapshot shard " + shardBlob + ": " + e.getMessage(), e);
        }
    }

    /** The records of a stream of shard lines (uncompressed). */
    void forEachInStream(InputStream in, boolean withUsers, Consumer<SnapshotEntry> consumer) throws IOException {
        try (JsonParser parser = mapper.createParser(in)) {
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                consumer.accept(readEntry(parser, withUsers));
            }
        }
    }

    /** Appends one shard line to {@code out}. */
    void writeLine(OutputStream out, SnapshotEntry entry) throws IOException {
        out.write(line(entry));
    }

    private SnapshotEntry readEntry(JsonParser parser, boolean withUsers) throws IOException {
        String id = null;
        long hash = 0;
        int missing = 0;
        boolean disabled = false;
        byte[] user = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = parser.getText();
                case "h" -> hash = SnapshotHash.parseHex(parser.getText());
                case "m" -> missing = parser.getIntValue();
                case "d" -> disabled = value == JsonToken.VALUE_TRUE;
                case "u" -> {
                    if (withUsers) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
                        try (JsonGenerator copy = mapper.createGenerator(out)) {
                            copy.copyCurrentStructure(parser);
                        }
                        user = out.toByteArray();
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return new SnapshotEntry(id, hash, missing, disabled, user);
    }

    /** Writes one shard of a new generation; returns its compressed size. */
    public long writeShard(String shardBlob, Collection<SnapshotEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, entries.size() * 300));
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
            for (SnapshotEntry entry : entries) {
                gzip.write(line(entry));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] content = bytes.toByteArray();
        state.put(shardBlob, content);
        return content.length;
    }

    private byte[] line(SnapshotEntry entry) throws IOException {
        if (entry.user() == null) {
            throw new IllegalArgumentException("snapshot entry " + entry.externalId() + " has no user JSON");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(entry.user().length + 100);
        out.write("{\"id\":".getBytes(StandardCharsets.US_ASCII));
        out.write(mapper.writeValueAsBytes(entry.externalId()));
        out.write((",\"h\":\"" + SnapshotHash.hex(entry.hash()) + "\",\"m\":" + entry.missing() + ",\"d\":"
                + entry.disabled() + ",\"u\":").getBytes(StandardCharsets.US_ASCII));
        out.write(entry.user());
        out.write("}\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Deletes shard blobs of {@code source} that none of {@code referenced} names. */
    public int deleteUnreferenced(String source, Collection<SnapshotManifest> referenced) {
        Set<String> keep = new HashSet<>();
        referenced.forEach(manifest -> keep.addAll(manifest.shards()));
        int deleted = 0;
        for (String blob : state.list(source + "/snapshot/shards/")) {
            if (!keep.contains(blob)) {
                try {
                    state.delete(blob);
                    deleted++;
                } catch (RuntimeException e) {
                    LOG.warnf("Could not delete the old snapshot shard %s (harmless): %s", blob, e.getMessage());
                }
            }
        }
        return deleted;
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
