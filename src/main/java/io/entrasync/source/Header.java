package io.entrasync.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A checked header: trimmed, non-empty, unique column names and their positions. */
final class Header {

    final String[] columns;
    final Map<String, Integer> index;

    private Header(String[] columns, Map<String, Integer> index) {
        this.columns = columns;
        this.index = index;
    }

    /**
     * @param where for messages: {@code "data.csv, line 1"}
     * @throws ExtractException naming every empty or duplicate column
     */
    static Header of(List<String> rawNames, String where) {
        String[] columns = new String[rawNames.size()];
        Map<String, Integer> index = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            String name = rawNames.get(i) == null ? "" : rawNames.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            columns[i] = name;
            if (name.isEmpty()) {
                problems.add("column " + (i + 1) + " has no name");
                continue;
            }
            Integer earlier = index.putIfAbsent(name, i);
            if (earlier != null) {
                problems.add("column '" + name + "' appears twice (columns " + (earlier + 1) + " and " + (i + 1) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ExtractException("The header of " + where + " is not usable: " + String.join("; ", problems)
                    + ". Every column needs a unique, non-empty name; fix the header row of the export.");
        }
        return new Header(columns, Collections.unmodifiableMap(index));
    }

    List<String> names() {
        return List.of(columns);
    }
}
