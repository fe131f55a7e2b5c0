package io.entrasync.reconcile;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of one provisioningObjectSummary that reconciliation uses.
 *
 * @param changeId entries of one change share it
 * @param externalId {@code sourceIdentity.id}: the externalId that was uploaded
 * @param time {@code activityDateTime}
 * @param action {@code provisioningAction}: create, update, disable, delete, stagedDelete, other
 * @param status {@code provisioningStatusInfo.status}: success, failure, skipped, warning
 * @param errorCode {@code errorInformation.errorCode}, null without an error
 * @param errorCategory {@code errorInformation.errorCategory}: {@code failure} (transient) or {@code nonServiceFailure}
 * @param reason {@code errorInformation.reason}
 * @param recommendedAction {@code errorInformation.recommendedAction}
 * @param referenceOnly the entry is a manager-reference step ({@code referenceResolution}), not the user's own export
 * @param enabledNow {@code modifiedProperties} turned accountEnabled from false to true
 */
public record LogEntryView(String changeId, String externalId, Instant time, String action, String status,
        String errorCode, String errorCategory, String reason, String recommendedAction, boolean referenceOnly,
        boolean enabledNow) {

    /** Reads an entry; null when it carries no changeId or source id (nothing could be matched to it). */
    static LogEntryView parse(JsonNode entry) {
        String changeId = text(entry.path("changeId"));
        String externalId = text(entry.path("sourceIdentity").path("id"));
        String time = text(entry.path("activityDateTime"));
        if (changeId == null || externalId == null || time == null) {
            return null;
        }
        JsonNode statusInfo = entry.path("provisioningStatusInfo");
        JsonNode error = statusInfo.path("errorInformation");
        boolean reference = false;
        boolean matchingOrExport = false;
        for (JsonNode step : entry.path("provisioningSteps")) {
            String type = text(step.path("provisioningStepType"));
            if ("referenceResolution".equals(type)) {
                reference = true;
            } else if ("matching".equals(type)) {
                matchingOrExport = true;
            }
        }
        boolean enabledNow = false;
        for (JsonNode property : entry.path("modifiedProperties")) {
            if ("accountEnabled".equalsIgnoreCase(text(property.path("displayName")))
                    && "false".equalsIgnoreCase(text(property.path("oldValue")))
                    && "true".equalsIgnoreCase(text(property.path("newValue")))) {
                enabledNow = true;
            }
        }
        String status = text(statusInfo.path("status"));
        return new LogEntryView(changeId, externalId, Instant.parse(time), orEmpty(text(entry.path("provisioningAction"))),
                status == null ? "" : status, text(error.path("errorCode")), text(error.path("errorCategory")),
                text(error.path("reason")), text(error.path("recommendedAction")), reference && !matchingOrExport,
                enabledNow);
    }

    boolean failed() {
        return "failure".equalsIgnoreCase(status);
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
