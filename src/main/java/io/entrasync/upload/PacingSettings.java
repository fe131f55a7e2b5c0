package io.entrasync.upload;

import java.time.Duration;

import io.entrasync.contract.ServiceLimits;

/**
 * At most {@code calls} bulkUpload calls in any sliding {@code window}. Default 40 per 5 s, the service's documented
 * limit (older docs say 40 per second; the stricter reading is the default).
 */
public record PacingSettings(int calls, Duration window) {

    public static final PacingSettings DEFAULT = new PacingSettings(ServiceLimits.CALLS_PER_WINDOW,
            Duration.ofSeconds(ServiceLimits.CALL_WINDOW_SECONDS));

    public PacingSettings {
        if (calls < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("pacing needs at least 1 call per positive window");
        }
    }
}
