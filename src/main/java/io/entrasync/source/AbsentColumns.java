package io.entrasync.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Gives a record of an HR API every column its mapping reads: a field the API left out (absent, JSON {@code null} or
 * an empty container) is empty text, as a CSV column without a value, so that an expression such as
 * {@code row.nickName} sees {@code ""} instead of failing on a missing key (docs/mapping.md). Columns the mapping
 * does not read stay absent, so {@code "x" in row} still tells a field the API sent from one it did not when the
 * mapping only tests for it.
 */
public final class AbsentColumns {

    private AbsentColumns() {
    }

    /** {@code row} with each of {@code columns} it lacks as empty text; a malformed row as it is. */
    public static SourceRow asEmpty(SourceRow row, Set<String> columns) {
        if (!(row instanceof SourceRow.Parsed parsed) || parsed.record().values().keySet().containsAll(columns)) {
            return row;
        }
        SourceRecord record = parsed.record();
        Map<String, String> values = new LinkedHashMap<>(record.values());
        columns.forEach(column -> values.putIfAbsent(column, ""));
        return new SourceRow.Parsed(new SourceRecord(record.position(), record.location(),
                Collections.unmodifiableMap(values)));
    }
}
