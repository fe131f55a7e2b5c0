package io.entrasync.source;

import java.util.Map;

/**
 * One record read from an HR source: a CSV row or one entry of an HR API page, as column → text value.
 * Nested JSON values of API sources are flattened to dotted names ({@code address.city}).
 *
 * @param position the CSV line number where the record starts, or the running number of an API record
 * @param location where it came from, for people: {@code "line 12"} or {@code "page 3, record 7"}
 * @param values column → value; absent columns are missing keys, never {@code null} values
 */
public record SourceRecord(long position, String location, Map<String, String> values) {

    public String get(String column) {
        return values.get(column);
    }
}
