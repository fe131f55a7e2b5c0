package io.entrasync.source.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The query of a read's first list request: the configured parameters, the page size and the changed-since filter. */
final class ListQuery {

    private ListQuery() {
    }

    static Map<String, String> first(ApiSettings settings, Optional<Instant> startingWatermark) {
        Map<String, String> query = new LinkedHashMap<>(settings.query());
        PagingSettings paging = settings.paging();
        if (paging.pageSize() > 0 && !paging.pageSizeParam().isEmpty()) {
            query.put(paging.pageSizeParam(), Integer.toString(paging.pageSize()));
        }
        IncrementalSettings incremental = settings.incremental();
        if (!incremental.filterParam().isEmpty()) {
            Optional<Instant> since = startingWatermark.map(w -> w.minus(incremental.overlap()))
                    .or(() -> incremental.initialWatermark().map(RestSource::parseWatermark));
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
