package io.entrasync.source.rest;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The stop rule of a list the API sorts by modification time, newest first ({@code sort=-updated_at}): the read ends
 * at the first record older than the watermark minus the overlap, without fetching further pages, and is complete by
 * that rule. It can only be trusted while the order holds, so a record newer than the one before it, or one without
 * a readable time, fails the read: ending early on a list that is not sorted would pass a short read as complete.
 */
final class SortedStop {

    private final String field;
    private final String format;
    private final Optional<Instant> cutoff;
    private final HttpFetcher http;
    private Instant previous;
    private String previousLocation;

    SortedStop(IncrementalSettings incremental, Optional<Instant> startingWatermark, HttpFetcher http) {
        this.field = incremental.watermarkField().orElseThrow();
        this.format = incremental.watermarkFormat();
        this.cutoff = startingWatermark.map(w -> w.minus(incremental.overlap()));
        this.http = http;
    }

    /**
     * Whether the record at {@code location} is older than the watermark, so it and everything after it is unchanged.
     *
     * @throws ApiSourceException when the record has no readable time or is newer than the record before it
     */
    boolean reached(Map<String, String> values, String location) {
        String text = values.get(field);
        Instant stamped = Timestamps.parse(text, format).orElseThrow(() -> new ApiSourceException(
                http.prefix(location) + "the record's '" + field + "' is " + (text == null ? "missing" : "'" + text
                + "'") + ", not a time" + (format.isEmpty() ? "" : " in " + format) + ", so the read cannot tell "
                + "where the changes end. It stops without advancing the watermark. Fix the record in the HR system, "
                + "or check incremental.watermark-field and incremental.watermark-format of this source."));
        if (previous != null && stamped.isAfter(previous)) {
            throw new ApiSourceException(http.prefix(location) + "the list is not sorted newest first: '" + field
                    + "' " + stamped + " comes after " + previous + " (" + previousLocation + "). Stopping at the "
                    + "watermark could miss changes, so the read fails and the watermark stays. Check that the list "
                    + "request asks for the sort (query.sort of this source), or set "
                    + "incremental.stop-at-watermark=false to read the whole list.");
        }
        previous = stamped;
        previousLocation = location;
        return cutoff.filter(stamped::isBefore).isPresent();
    }
}
