package io.entrasync.sync.references;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What references can be translated to: for each key field a reference names ({@code id}), key → the id field of the
 * record that carries it ({@code "2819c223…" → "E1001"}). Filled from every record of a read, so the order of the
 * records does not matter, and kept with the source's state for the reads that follow. About 100 bytes per record
 * and key field: 100,000 workers with one key field hold about 10 MB.
 */
public final class ReferenceIndex {

    private final String idField;
    private final Map<String, Map<String, String>> byKeyField = new LinkedHashMap<>();

    /** An empty index for {@code rules}' key fields. */
    public ReferenceIndex(ReferenceRules rules) {
        this(rules.idField());
        rules.keyFields().forEach(key -> byKeyField.put(key, new HashMap<>()));
    }

    private ReferenceIndex(String idField) {
        this.idField = idField;
    }

    /** The id field the index translates to (what {@link ReferenceRules#idField()} was when it was filled). */
    public String idField() {
        return idField;
    }

    /** Adds what {@code values} (one record, flattened) can be referred to by. */
    public void see(Map<String, String> values) {
        String id = values.get(idField);
        if (id == null || id.isBlank()) {
            return;
        }
        byKeyField.forEach((keyField, keys) -> {
            String key = values.get(keyField);
            if (key != null && !key.isBlank()) {
                keys.put(key, id);
            }
        });
    }

    /** Adds one stored entry, for a key field this index keeps. */
    void put(String keyField, String key, String id) {
        Map<String, String> keys = byKeyField.get(keyField);
        if (keys != null) {
            keys.put(key, id);
        }
    }

    /** The id of the record whose {@code keyField} is {@code key}. */
    public Optional<String> lookup(String keyField, String key) {
        Map<String, String> keys = byKeyField.get(keyField);
        return keys == null ? Optional.empty() : Optional.ofNullable(keys.get(key));
    }

    /** Everything {@code later} knows, over what this index knew (a record read later wins). */
    public void addAll(ReferenceIndex later) {
        later.byKeyField.forEach((keyField, keys) -> {
            Map<String, String> mine = byKeyField.get(keyField);
            if (mine != null) {
                mine.putAll(keys);
            }
        });
    }

    /** Entries in all key fields. */
    public long size() {
        return byKeyField.values().stream().mapToLong(Map::size).sum();
    }

    Map<String, Map<String, String>> entries() {
        return byKeyField;
    }
}
