package io.entrasync.source.rest;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A changed-since filter of two parameters, the start and the end of the window: Dayforce's
 * {@code GET /Employees?filterUpdatedStartDate=…&filterUpdatedEndDate=…} (both required together; Dayforce REST API
 * "Employees", as called by goodeggs/tap-dayforce {@code tap_dayforce/streams.py} and the WSO2 Dayforce connector's
 * {@code getEmployees}). The start is the watermark minus the overlap; the end is the instant the read started, the
 * same for every page, and becomes the next watermark once the read proved complete.
 *
 * @param startParam query parameter of the window's start ({@code filterUpdatedStartDate})
 * @param endParam   query parameter of the window's end ({@code filterUpdatedEndDate})
 * @param maxLength  the longest window the API accepts; a longer one is read as consecutive windows of at most this
 *                   length, each of which must be complete. Empty: one window, however long
 */
public record ChangeWindow(String startParam, String endParam, Optional<Duration> maxLength) {

    public ChangeWindow {
        Objects.requireNonNull(startParam, "startParam");
        Objects.requireNonNull(endParam, "endParam");
        if (startParam.isBlank() || endParam.isBlank()) {
            throw new IllegalArgumentException("a changed-since window needs both a start and an end parameter");
        }
        maxLength = maxLength == null ? Optional.empty() : maxLength;
        if (maxLength.filter(m -> m.isNegative() || m.isZero()).isPresent()) {
            throw new IllegalArgumentException("the longest window must be positive, got " + maxLength.get());
        }
    }
}
