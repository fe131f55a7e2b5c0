package io.entrasync.emulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Collects one provisioningObjectSummary while an operation is processed, then renders it in the documented shape. */
final class LogEntryJson {
    private record Step(String name, String type, String status, String description) {
    }

    private record Modified(String name, String oldValue, String newValue) {
    }

    final String sourceId;
    final String sourceDisplayName;
    String targetId;
    String action = "other";
    String status = "success";
    private String errorCode;
    private String errorCategory;
    private String reason;
    private String recommendedAction;
    private final List<Step> steps = new ArrayList<>();
    private final List<Modified> modified = new ArrayList<>();

    LogEntryJson(String sourceId, String sourceDisplayName, String targetId) {
        this.sourceId = sourceId;
        this.sourceDisplayName = sourceDisplayName;
        this.targetId = targetId;
    }

    void step(String name, String type, String stepStatus, String description) {
        steps.add(new Step(name, type, stepStatus, description));
    }

    void modified(String name, String oldValue, String newValue) {
        modified.add(new Modified(name, oldValue, newValue));
    }

    void fail(String failedAction, String stepName, String stepType, String code, String category, String why, String todo) {
        action = failedAction;
        status = "failure";
        errorCode = code;
        errorCategory = category;
        reason = why;
        recommendedAction = todo;
        step(stepName, stepType, "failure", why);
    }

    ObjectNode render(ObjectMapper mapper, JobRef job, String tenantId, String cycleId, String changeId, Instant when) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", "");
        o.put("activityDateTime", when.truncatedTo(ChronoUnit.MILLIS).toString());
        o.put("tenantId", tenantId);
        o.put("jobId", job.jobId());
        o.put("cycleId", cycleId);
        o.put("changeId", changeId);
        o.put("provisioningAction", action);
        o.put("durationInMilliseconds", 15 * steps.size());
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
        ArrayNode stepsJson = o.putArray("provisioningSteps");
        for (Step s : steps) {
            ObjectNode step = stepsJson.addObject();
            step.put("name", s.name());
            step.put("provisioningStepType", s.type());
            step.put("status", s.status());
            step.put("description", s.description());
            step.putObject("details");
        }
        ArrayNode mods = o.putArray("modifiedProperties");
        for (Modified m : modified) {
            mods.addObject().put("displayName", m.name()).put("oldValue", m.oldValue()).put("newValue", m.newValue());
        }
        o.putObject("servicePrincipal").put("id", job.servicePrincipalId()).put("displayName", "API-driven provisioning (emulator)");
        o.putObject("sourceSystem").put("id", job.servicePrincipalId()).put("displayName", "API").putObject("details");
        ObjectNode target = o.putObject("targetSystem");
        target.put("id", tenantId).put("displayName", "Microsoft Entra ID");
        target.putObject("details").put("ServicePrincipalId", job.servicePrincipalId());
        o.putObject("initiatedBy").put("id", "").put("displayName", "Microsoft Entra provisioning service").put("initiatorType", "system");
        ObjectNode source = o.putObject("sourceIdentity");
        source.put("id", sourceId).put("displayName", sourceDisplayName).put("identityType", "User").putObject("details");
        ObjectNode targetIdentity = o.putObject("targetIdentity");
        targetIdentity.put("id", targetId == null ? "" : targetId).put("displayName", sourceDisplayName)
                .put("identityType", "User").putObject("details");
        return o;
    }
}
