package io.entrasync.validate;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.UniqueRule;
import io.entrasync.source.SourceRecord;

/**
 * Candidate 0 of a unique rule in the first pass, remembered by the values of the columns it reads: namesakes share
 * their names, and a CEL evaluation costs far more than a map lookup. Exact, not a guess: a result is remembered only
 * when its evaluation read nothing but the rule's named columns ({@link UniqueRule#columns}), one by one; an
 * evaluation is deterministic, so another record with the same values in those columns reads the same columns in the
 * same order and gets the same result. An expression that reads the row any other way (its size, its keys, a column
 * named at run time) is simply evaluated every time. Time plays no part: a unique candidate cannot read
 * {@code today} or {@code now} (the mapping loader refuses it). At most
 * {@link #MAX_ENTRIES} results are held (forgotten all at once when full). Not thread-safe.
 */
final class FirstCandidateMemo {

    static final int MAX_ENTRIES = 8192;

    private final Mapping mapping;
    private final UniqueRule rule;
    private final String[] columns;
    private final Set<String> columnSet;
    private final Map<String, Result> remembered = new HashMap<>();
    private long hits;

    FirstCandidateMemo(Mapping mapping, UniqueRule rule) {
        this.mapping = mapping;
        this.rule = rule;
        this.columnSet = new HashSet<>(rule.columns());
        this.columns = columnSet.toArray(String[]::new);
    }

    /** {@code mapping.candidate(rule, 0, record)}, evaluated or remembered. */
    String first(SourceRecord record) {
        String key = key(record);
        Result known = remembered.get(key);
        if (known != null) {
            hits++;
            return known.value();
        }
        ReadWatch watch = new ReadWatch(record.values(), columnSet);
        String value = mapping.candidate(rule, 0, new SourceRecord(record.position(), record.location(), watch));
        if (!watch.readOther) {
            if (remembered.size() >= MAX_ENTRIES) {
                remembered.clear();
            }
            remembered.put(key, new Result(value));
        }
        return value;
    }

    /** A remembered candidate; {@code null} when the record has none (its own mapping then says why). */
    private record Result(String value) {
    }

    /** Results taken from memory instead of evaluated. */
    long hits() {
        return hits;
    }

    /** The column values, each as its length and text (or "-" when absent): two records share a key only if equal. */
    private String key(SourceRecord record) {
        StringBuilder key = new StringBuilder(64);
        for (String column : columns) {
            String value = record.get(column);
            if (value == null) {
                key.append('-');
            } else {
                key.append(value.length()).append(':').append(value);
            }
        }
        return key.toString();
    }

    /** The row as the expression sees it, noting any read other than a named column's value. */
    private static final class ReadWatch extends AbstractMap<String, String> {
        private final Map<String, String> row;
        private final Set<String> named;
        private boolean readOther;

        ReadWatch(Map<String, String> row, Set<String> named) {
            this.row = row;
            this.named = named;
        }

        @Override
        public String get(Object column) {
            readOther |= !named.contains(column);
            return row.get(column);
        }

        @Override
        public boolean containsKey(Object column) {
            readOther |= !named.contains(column);
            return row.containsKey(column);
        }

        /** Every other read of an {@link AbstractMap} (size, keys, values, equality) comes through here. */
        @Override
        public Set<Entry<String, String>> entrySet() {
            readOther = true;
            return row.entrySet();
        }
    }
}
