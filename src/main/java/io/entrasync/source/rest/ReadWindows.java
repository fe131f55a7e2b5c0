package io.entrasync.source.rest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The changed-since windows of one read, in turn (one for most reads; several where a window would be longer than
 * the API accepts, {@link ChangeWindow#maxLength()}), and which window first listed each id: a worker changed in two
 * windows, or stamped at the boundary of two, is listed by both, and the list names the worker as now, so the worker
 * is handed on once.
 */
final class ReadWindows {

    private final Iterator<Map<String, String>> firstQueries;
    /** The window each id was first listed in; null for a read of one window (nothing to tell apart). */
    private final Map<String, Integer> windowOfId;
    private int window;

    /** @param firstQueries the first list request of each window ({@link ListQuery#firstOfEachWindow}) */
    ReadWindows(List<Map<String, String>> firstQueries) {
        this.firstQueries = firstQueries.iterator();
        this.windowOfId = firstQueries.size() > 1 ? new HashMap<>() : null;
    }

    boolean hasNext() {
        return firstQueries.hasNext();
    }

    /** The first request of the next window. */
    Map<String, String> next() {
        window++;
        return firstQueries.next();
    }

    /** Whether {@code externalId} was already listed by an earlier window of this read. */
    boolean listedEarlier(String externalId) {
        if (windowOfId == null || externalId.isEmpty()) {
            return false;
        }
        Integer first = windowOfId.putIfAbsent(externalId, window);
        return first != null && first < window;
    }
}
