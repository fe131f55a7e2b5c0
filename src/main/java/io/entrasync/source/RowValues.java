package io.entrasync.source;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A read-only column → value map over one row's field array and the header's shared column index. Building a
 * {@code HashMap} per row would cost more than parsing the row; this view costs one small object.
 */
final class RowValues extends AbstractMap<String, String> {

    private final Map<String, Integer> columnIndex;
    private final String[] columns;
    private final String[] fields;

    RowValues(Map<String, Integer> columnIndex, String[] columns, String[] fields) {
        this.columnIndex = columnIndex;
        this.columns = columns;
        this.fields = fields;
    }

    @Override
    public String get(Object column) {
        Integer index = columnIndex.get(column);
        return index == null || index >= fields.length ? null : fields[index];
    }

    @Override
    public boolean containsKey(Object column) {
        Integer index = columnIndex.get(column);
        return index != null && index < fields.length;
    }

    @Override
    public int size() {
        return Math.min(columns.length, fields.length);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size();
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(columns[i], fields[i]);
                    }
                };
            }

            @Override
            public int size() {
                return RowValues.this.size();
            }
        };
    }
}
