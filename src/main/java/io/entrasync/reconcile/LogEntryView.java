package io.entrasync.reconcile;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of one provisioningObjectSummary that reconciliation uses, read the way Microsoft's published entries for
 * API-driven inbound provisioning are written (AzureAD/entra-id-inbound-provisioning, Samples/InboundAPI_logSample.txt;
 * Graph reference, provisioningObjectSummary): {@code provisioningAction} beside {@code action},
 * {@code provisioningStatusInfo.status} beside {@code statusInfo.status}, step types and statuses in any case.
 *
 * @param changeId entries of one change share it (a create and the follow-up that sets its manager)
 * @param cycleId the provisioning cycle; changes of one externalId in one cycle belong to one send
 * @param externalId {@code sourceIdentity.id}: the externalId that was uploaded
 * @param time {@code activityDateTime}
 * @param action {@code provisioningAction} (else {@code action}), lower case: create, update, disable, delete,
 *        stagedDelete (as written), other
 * @param status {@code provisioningStatusInfo.status} (else {@code statusInfo.status}), lower case
 * @param errorCode {@code errorInformation.errorCode}, null without an error
 * @param errorCategory {@code errorInformation.errorCategory}: {@code failure} (transient) or {@code nonServiceFailure}
 * @param reason {@code errorInformation.reason}
 * @param recommendedAction {@code errorInformation.recommendedAction}
 * @param steps {@code provisioningSteps}, in order
 * @param modified {@code modifiedProperties}
 * @param sentInactive the scoping step's detail "Active in the source system" reads False: {@code active: false} was
 *        sent (the published sample writes this detail on every entry)
 */
record LogEntryView(String changeId, String cycleId, String externalId, Instant time, String action,
        String status, String errorCode, String errorCategory, String reason, String recommendedAction,
        List<Step> steps, List<Modified> modified, boolean sentInactive) {

    /**
     * One provisioning step.
     *
     * @param name e.g. EntryImportAdd, EntrySynchronizationSkip, EntryExportUpdate
     * @param type lower case: import, scoping, matching, processing, referenceResolution (as "referenceresolution"),
     *        export
     * @param status lower case: success, failure, skipped, warning
     * @param skipReason {@code details.SkipReason}, null without one
     * @param propertyName {@code details.PropertyName}, null without one
     * @param skippedValue for a skipped reference: the value that could not be resolved (the detail key whose value
     *        reads "manager Add"), null otherwise
     * @param description the service's words
     */
    public record Step(String name, String type, String status, String skipReason, String propertyName,
            String skippedValue, String description) {
    }

    /** One {@code modifiedProperties} element. */
    public record Modified(String name, String oldValue, String newValue) {
    }

    public LogEntryView {
        steps = List.copyOf(steps);
        modified = List.copyOf(modified);
    }

    /** Reads an entry; null when it carries no changeId, source id or time (nothing could be matched to it). */
    static LogEntryView parse(JsonNode entry) {
        String changeId = text(entry.path("changeId"));
        String externalId = text(entry.path("sourceIdentity").path("id"));
        String time = text(entry.path("activityDateTime"));
        if (changeId == null || externalId == null || time == null) {
            return null;
        }
        Instant when;
        try {
            when = Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
        JsonNode statusInfo = entry.path("provisioningStatusInfo");
        JsonNode error = statusInfo.path("errorInformation");
        String status = text(statusInfo.path("status"));
        if (status == null) {
            status = text(entry.path("statusInfo").path("status"));
        }
        String action = text(entry.path("provisioningAction"));
        if (action == null) {
            action = text(entry.path("action"));
        }
        List<Step> steps = new ArrayList<>();
        boolean sentInactive = false;
        for (JsonNode step : entry.path("provisioningSteps")) {
            JsonNode details = step.path("details");
            sentInactive |= "false".equalsIgnoreCase(details.path("Active in the source system").asText(""));
            String skippedValue = null;
            String propertyName = text(details.path("PropertyName"));
            if (propertyName != null) {
                // {"10019": "manager Add", "PropertyName": "manager", "SkipReason": "..."}: the key is the value
                for (Iterator<Map.Entry<String, JsonNode>> it = details.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String value = field.getValue().asText("");
                    if (value.toLowerCase(Locale.ROOT).startsWith(propertyName.toLowerCase(Locale.ROOT) + " ")) {
                        skippedValue = field.getKey();
                    }
                }
            }
            steps.add(new Step(orEmpty(text(step.path("name"))), lower(text(step.path("provisioningStepType"))),
                    lower(text(step.path("status"))), text(details.path("SkipReason")), propertyName, skippedValue,
                    orEmpty(text(step.path("description")))));
        }
        List<Modified> modified = new ArrayList<>();
        for (JsonNode property : entry.path("modifiedProperties")) {
            modified.add(new Modified(orEmpty(text(property.path("displayName"))), text(property.path("oldValue")),
                    text(property.path("newValue"))));
        }
        return new LogEntryView(changeId, text(entry.path("cycleId")), externalId, when,
                action == null ? "" : action.equals("stagedDelete") ? action : lower(action), lower(status),
                text(error.path("errorCode")), text(error.path("errorCategory")), text(error.path("reason")),
                text(error.path("recommendedAction")), steps, modified, sentInactive);
    }

    boolean failed() {
        return "failure".equals(status);
    }

    /** Whether a step of this type appears. */
    boolean hasStep(String type) {
        return steps.stream().anyMatch(step -> step.type().equals(type));
    }

    /**
     * The follow-up the service writes when a reference skipped during the change is resolved later in the same
     * cycle: an update with the same changeId, only an export step, only reference properties modified (manager).
     */
    boolean referenceFollowUp() {
        boolean onlyExportOrReference = !steps.isEmpty() && steps.stream()
                .allMatch(step -> step.type().equals("export") || step.type().equals("referenceresolution"));
        boolean onlyManager = !modified.isEmpty()
                && modified.stream().allMatch(m -> m.name().equalsIgnoreCase("manager"));
        boolean legacyReferenceStep = hasStep("referenceresolution") && !hasStep("matching") && !hasStep("import");
        return ("update".equals(action) && onlyExportOrReference && onlyManager) || legacyReferenceStep;
    }

    /** The new value this entry gave {@code property} (e.g. the manager's object id), null when it set none. */
    String setValue(String property) {
        return modified.stream().filter(m -> m.name().equalsIgnoreCase(property) && m.newValue() != null)
                .map(Modified::newValue).findFirst().orElse(null);
    }

    /** accountEnabled went from {@code from} to the opposite. */
    boolean accountEnabledFrom(boolean from) {
        return modified.stream().anyMatch(m -> m.name().equalsIgnoreCase("accountEnabled")
                && String.valueOf(from).equalsIgnoreCase(m.oldValue())
                && String.valueOf(!from).equalsIgnoreCase(m.newValue()));
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
