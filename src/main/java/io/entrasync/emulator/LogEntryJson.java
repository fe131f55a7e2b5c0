package io.entrasync.emulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Collects one provisioningObjectSummary while an operation is processed, then renders it in the shape Microsoft's
 * published entries for API-driven inbound provisioning have (AzureAD/entra-id-inbound-provisioning,
 * Samples/InboundAPI_logSample.txt; Graph reference, provisioningObjectSummary): {@code action} ("Create") beside
 * {@code provisioningAction} ("create"), {@code statusInfo} beside {@code provisioningStatusInfo}, the source identity
 * typed by the enterprise-user URN with an empty display name, the target identity's details, steps with details.
 */
final class LogEntryJson {
    static final String IDENTITY_TYPE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private record Step(String name, String type, String status, String description, ObjectNode details) {
    }

    private record Modified(String name, String oldValue, String newValue) {
    }

    final String sourceId;
    String targetId;
    String targetDisplayName;
    String targetUserPrincipalName;
    String action = "other";
    String status = "success";
    private String errorCode;
    private String errorCategory;
    private String reason;
    private String recommendedAction;
    private final List<Step> steps = new ArrayList<>();
    private final List<Modified> modified = new ArrayList<>();

    LogEntryJson(String sourceId, String targetId, String targetDisplayName, String targetUserPrincipalName) {
        this.sourceId = sourceId;
        this.targetId = targetId;
        this.targetDisplayName = targetDisplayName;
        this.targetUserPrincipalName = targetUserPrincipalName;
    }

    /** Adds a step; its {@code details} object is returned for the caller to fill. */
    ObjectNode step(ObjectMapper mapper, String name, String type, String stepStatus, String description) {
        ObjectNode details = mapper.createObjectNode();
        steps.add(new Step(name, type, stepStatus, description, details));
        return details;
    }

    void modified(String name, String oldValue, String newValue) {
        modified.add(new Modified(name, oldValue, newValue));
    }

    /**
     * A failed operation as the entry reports it.
     *
     * @param action the provisioning action that failed ("create", "update")
     * @param stepName the failing step's name ("EntryExportAdd")
     * @param stepType the failing step's type ("export")
     * @param errorCode {@code errorInformation.errorCode}
     * @param category {@code errorInformation.errorCategory}
     * @param reason {@code errorInformation.reason}, also the step's description
     * @param recommendedAction {@code errorInformation.recommendedAction}
     */
    record Failure(String action, String stepName, String stepType, String errorCode, String category, String reason,
            String recommendedAction) {
    }

    void fail(ObjectMapper mapper, Failure failure) {
        action = failure.action();
        status = "failure";
        errorCode = failure.errorCode();
        errorCategory = failure.category();
        reason = failure.reason();
        recommendedAction = failure.recommendedAction();
        step(mapper, failure.stepName(), failure.stepType(), "failure", failure.reason())
                .put("ReportableIdentifier", sourceId);
    }

    ObjectNode render(ObjectMapper mapper, JobRef job, String tenantId, String cycleId, String changeId, Instant when) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", "");
        o.put("activityDateTime", when.truncatedTo(ChronoUnit.SECONDS).toString());
        o.put("tenantId", tenantId);
        o.put("jobId", job.jobId());
        o.put("cycleId", cycleId);
        o.put("changeId", changeId);
        o.put("action", action.isEmpty() ? action : Character.toUpperCase(action.charAt(0)) + action.substring(1));
        o.put("provisioningAction", action);
        o.put("durationInMilliseconds", 400 + 700 * Math.max(0, steps.size() - 1));
        o.putObject("servicePrincipal").put("id", job.servicePrincipalId())
                .put("displayName", "API-driven provisioning (emulator)");
        o.putObject("sourceSystem").put("id", job.servicePrincipalId()).put("displayName", "API").putObject("details");
        ObjectNode target = o.putObject("targetSystem");
        target.put("id", tenantId).put("displayName", "Azure Active Directory");
        target.putObject("details").put("ServicePrincipalId", job.servicePrincipalId())
                .put("ServicePrincipalDisplayName", "API-driven provisioning (emulator)");
        o.putObject("initiatedBy").put("id", "").put("displayName", "Azure AD Provisioning Service")
                .put("initiatorType", "system");
        o.putObject("sourceIdentity").put("id", sourceId).put("displayName", "").put("identityType", IDENTITY_TYPE)
                .putObject("details");
        ObjectNode targetIdentity = o.putObject("targetIdentity");
        String id = targetId == null ? "" : targetId;
        targetIdentity.put("id", id).put("displayName", targetDisplayName).put("identityType", "User");
        ObjectNode targetDetails = targetIdentity.putObject("details");
        if (!id.isEmpty()) {
            targetDetails.put("id", id).put("odatatype", "User").put("DisplayName", targetDisplayName)
                    .put("UserPrincipalName", targetUserPrincipalName);
        }
        ObjectNode statusInfo = o.putObject("provisioningStatusInfo");
        statusInfo.put("status", status);
        if (errorCode == null) {
            statusInfo.putNull("errorInformation");
        } else {
            ObjectNode err = statusInfo.putObject("errorInformation");
            err.put("errorCode", errorCode);
            err.put("reason", reason);
            err.putNull("additionalDetails");
            err.put("errorCategory", errorCategory);
            err.put("recommendedAction", recommendedAction);
        }
        o.putObject("statusInfo").put("status", status);
        ArrayNode stepsJson = o.putArray("provisioningSteps");
        for (Step s : steps) {
            ObjectNode step = stepsJson.addObject();
            step.put("name", s.name());
            step.put("provisioningStepType", s.type());
            step.put("status", s.status());
            step.put("description", s.description());
            step.set("details", s.details());
        }
        ArrayNode mods = o.putArray("modifiedProperties");
        for (Modified m : modified) {
            mods.addObject().put("displayName", m.name()).put("oldValue", m.oldValue()).put("newValue", m.newValue());
        }
        return o;
    }
}
