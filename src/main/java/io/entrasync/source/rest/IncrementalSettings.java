package io.entrasync.source.rest;

import java.time.Duration;
import java.util.Optional;

/**
 * @param filterParam       query parameter that carries the incremental filter ({@code $filter}, {@code since});
 *                          empty when the source cannot filter (every read is then a full read)
 * @param filterTemplate    the parameter's value, with {@code {watermark}} replaced by the formatted watermark
 * @param watermarkFormat   {@link java.time.format.DateTimeFormatter} pattern (in UTC) used for
 *                          {@code {watermark}}; empty for ISO-8601 instants ({@code 2024-05-01T10:00:00Z});
 *                          {@code epoch-seconds} or {@code epoch-millis} for a number, which is then also how the
 *                          {@code watermarkField} of the records is read
 * @param watermarkField    flattened record field whose latest value becomes the next watermark
 *                          ({@code lastModifiedDateTime}, {@code meta.lastModified})
 * @param watermarkResponseField dotted body location of a server-reported watermark (BambooHR {@code latest})
 * @param overlap           subtracted from the watermark when filtering, so changes stamped at the same instant
 *                          as the last read, or committed a little late, are read again rather than missed
 * @param initialWatermark  watermark used when none is given and the API requires a filter (BambooHR's
 *                          {@code since} is mandatory); empty reads everything without a filter
 * @param window            a changed-since window of a start and an end parameter (Dayforce), instead of or beside
 *                          the filter parameter
 * @param stopAtWatermark   the list is sorted by {@code watermarkField}, newest first: the read stops at the first
 *                          record older than the watermark (minus the overlap), and fails on a record out of order
 */
public record IncrementalSettings(String filterParam, String filterTemplate, String watermarkFormat,
                                  Optional<String> watermarkField, Optional<String> watermarkResponseField,
                                  Duration overlap, Optional<String> initialWatermark,
                                  Optional<ChangeWindow> window, boolean stopAtWatermark) {
    public IncrementalSettings {
        filterParam = filterParam == null ? "" : filterParam;
        filterTemplate = filterTemplate == null ? "{watermark}" : filterTemplate;
        watermarkFormat = watermarkFormat == null ? "" : watermarkFormat;
        watermarkField = watermarkField == null ? Optional.empty() : watermarkField;
        watermarkResponseField = watermarkResponseField == null ? Optional.empty() : watermarkResponseField;
        overlap = overlap == null ? Duration.ZERO : overlap;
        initialWatermark = initialWatermark == null ? Optional.empty() : initialWatermark;
        window = window == null ? Optional.empty() : window;
        if (stopAtWatermark && watermarkField.isEmpty()) {
            throw new IllegalArgumentException("stopping at the watermark needs the field the list is sorted by "
                    + "(watermark-field)");
        }
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("watermark overlap must not be negative, got " + overlap);
        }
    }

    /** A filter parameter only: no window, no sort-then-stop. */
    public IncrementalSettings(String filterParam, String filterTemplate, String watermarkFormat,
                               Optional<String> watermarkField, Optional<String> watermarkResponseField,
                               Duration overlap, Optional<String> initialWatermark) {
        this(filterParam, filterTemplate, watermarkFormat, watermarkField, watermarkResponseField, overlap,
                initialWatermark, Optional.empty(), false);
    }

    /** These settings with {@code window} as the changed-since window. */
    public IncrementalSettings withWindow(ChangeWindow changeWindow) {
        return new IncrementalSettings(filterParam, filterTemplate, watermarkFormat, watermarkField,
                watermarkResponseField, overlap, initialWatermark, Optional.of(changeWindow), stopAtWatermark);
    }

    /** These settings reading a list sorted newest first, stopping at the watermark. */
    public IncrementalSettings stoppingAtWatermark() {
        return new IncrementalSettings(filterParam, filterTemplate, watermarkFormat, watermarkField,
                watermarkResponseField, overlap, initialWatermark, window, true);
    }

    /** Whether a read can be limited to changes at all (otherwise every read is a full read). */
    boolean limitsReads() {
        return !filterParam.isEmpty() || window.isPresent() || stopAtWatermark;
    }

    public static IncrementalSettings none() {
        return new IncrementalSettings("", "{watermark}", "", Optional.empty(), Optional.empty(), Duration.ZERO,
                Optional.empty());
    }
}
