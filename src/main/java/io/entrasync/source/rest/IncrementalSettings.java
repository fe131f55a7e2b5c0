package io.entrasync.source.rest;

import java.time.Duration;
import java.util.Optional;

/**
 * @param filterParam       query parameter that carries the incremental filter ({@code $filter}, {@code since});
 *                          empty when the source cannot filter (every read is then a full read)
 * @param filterTemplate    the parameter's value, with {@code {watermark}} replaced by the formatted watermark
 * @param watermarkFormat   {@link java.time.format.DateTimeFormatter} pattern (in UTC) used for
 *                          {@code {watermark}}; empty for ISO-8601 instants ({@code 2024-05-01T10:00:00Z})
 * @param watermarkField    flattened record field whose latest value becomes the next watermark
 *                          ({@code lastModifiedDateTime}, {@code meta.lastModified})
 * @param watermarkResponseField dotted body location of a server-reported watermark (BambooHR {@code latest})
 * @param overlap           subtracted from the watermark when filtering, so changes stamped at the same instant
 *                          as the last read, or committed a little late, are read again rather than missed
 * @param initialWatermark  watermark used when none is given and the API requires a filter (BambooHR's
 *                          {@code since} is mandatory); empty reads everything without a filter
 */
public record IncrementalSettings(String filterParam, String filterTemplate, String watermarkFormat,
                                  Optional<String> watermarkField, Optional<String> watermarkResponseField,
                                  Duration overlap, Optional<String> initialWatermark) {
    public IncrementalSettings {
        filterParam = filterParam == null ? "" : filterParam;
        filterTemplate = filterTemplate == null ? "{watermark}" : filterTemplate;
        watermarkFormat = watermarkFormat == null ? "" : watermarkFormat;
        watermarkField = watermarkField == null ? Optional.empty() : watermarkField;
        watermarkResponseField = watermarkResponseField == null ? Optional.empty() : watermarkResponseField;
        overlap = overlap == null ? Duration.ZERO : overlap;
        initialWatermark = initialWatermark == null ? Optional.empty() : initialWatermark;
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("watermark overlap must not be negative, got " + overlap);
        }
    }

    public static IncrementalSettings none() {
        return new IncrementalSettings("", "{watermark}", "", Optional.empty(), Optional.empty(), Duration.ZERO,
                Optional.empty());
    }
}
