package io.entrasync.source.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The queries of a read's first list requests: the configured parameters, the page size and the changed-since filter
 * — one query, or one per window when a changed-since window ({@link ChangeWindow}) is longer than the API accepts.
 */
final class ListQuery {

    /** Bounds the requests of one read: a stored watermark years old and a window of an hour would never end. */
    static final int MAX_WINDOWS = 1000;

    private ListQuery() {
    }

    /**
     * The first request of each window of the read, in order: one without a window (or without a watermark, a full
     * read). Every window ends at {@code windowEnd}, the instant the read started, or before it.
     */
    static List<Map<String, String>> firstOfEachWindow(ApiSettings settings, Optional<Instant> startingWatermark,
            Instant windowEnd) {
        IncrementalSettings incremental = settings.incremental();
        Map<String, String> query = first(settings, startingWatermark);
        Optional<Instant> since = since(incremental, startingWatermark);
        if (incremental.window().isEmpty() || since.isEmpty()) {
            return List.of(query);
        }
        ChangeWindow window = incremental.window().get();
        List<Map<String, String>> queries = new ArrayList<>();
        Instant start = since.get();
        do {
            Instant end = window.maxLength().map(start::plus).filter(windowEnd::isAfter).orElse(windowEnd);
            Map<String, String> windowQuery = new LinkedHashMap<>(query);
            windowQuery.put(window.startParam(), Timestamps.format(start, incremental.watermarkFormat()));
            windowQuery.put(window.endParam(), Timestamps.format(end, incremental.watermarkFormat()));
            queries.add(windowQuery);
            start = end;
        } while (start.isBefore(windowEnd) && queries.size() < MAX_WINDOWS);
        if (start.isBefore(windowEnd)) {
            throw new ApiSourceException("source '" + settings.sourceName() + "': reading the changes since "
                    + since.get() + " takes more than " + MAX_WINDOWS + " windows of " + window.maxLength().get()
                    + ". Raise incremental.window-max-length of this source, or delete its stored watermark so the "
                    + "next run reads everything.");
        }
        return queries;
    }

    private static Optional<Instant> since(IncrementalSettings incremental, Optional<Instant> startingWatermark) {
        return startingWatermark.map(w -> w.minus(incremental.overlap()))
                .or(() -> incremental.initialWatermark().map(RestSource::parseWatermark));
    }

    private static Map<String, String> first(ApiSettings settings, Optional<Instant> startingWatermark) {
        Map<String, String> query = new LinkedHashMap<>(settings.query());
        PagingSettings paging = settings.paging();
        if (paging.pageSize() > 0 && !paging.pageSizeParam().isEmpty()) {
            query.put(paging.pageSizeParam(), Integer.toString(paging.pageSize()));
        }
        IncrementalSettings incremental = settings.incremental();
        if (!incremental.filterParam().isEmpty()) {
            Optional<Instant> since = since(incremental, startingWatermark);
            List<String> clauses = new ArrayList<>();
            settings.baseFilter().ifPresent(clauses::add);
            Optional.ofNullable(query.remove(incremental.filterParam())).filter(f -> !f.isBlank())
                    .ifPresent(clauses::add);
            since.ifPresent(instant -> clauses.add(incremental.filterTemplate()
                    .replace("{watermark}", Timestamps.format(instant, incremental.watermarkFormat()))));
            if (!clauses.isEmpty()) {
                query.put(incremental.filterParam(), combine(clauses));
            }
        }
        return query;
    }

    /**
     * Clauses that must all hold, each in parentheses so that an {@code or} inside one cannot reach the others
     * (SAP KBA 3575859: an {@code or} next to the status clause changes which users the User entity returns).
     */
    static String combine(List<String> clauses) {
        if (clauses.size() == 1) {
            return clauses.get(0);
        }
        return clauses.stream().map(c -> "(" + c.trim() + ")").collect(Collectors.joining(" and "));
    }
}
