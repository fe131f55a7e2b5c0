package io.entrasync.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the provisioning service does with an accepted upload, one operation at a time, in request order: match by
 * externalId (↔ employeeId); create, update, enable, disable or skip; and the manager reference, the way Microsoft's
 * published log sample shows it (AzureAD/entra-id-inbound-provisioning, Samples/InboundAPI_logSample.txt):
 * <ul>
 * <li>a manager this job processed in an earlier cycle is set in the user's own entry ({@code modifiedProperties}
 * manager → the manager's object id);</li>
 * <li>otherwise the user's entry is still a success, with a {@code processing} step {@code EntrySynchronizationSkip}
 * ({@code PropertyName: manager}, {@code SkipReason: UnableToResolveReferenceAttributeValue}, {@code "<manager>":
 * "manager Add"}); when the manager is processed later in the same cycle (this request), a second entry with the
 * same changeId follows a second later: an update with one export step that sets the manager. Without it the user
 * stays without that manager.</li>
 * </ul>
 * Every operation ends in at least one log entry.
 */
final class UploadProcessor {
    static final String CONFLICT_CODE = "AzureActiveDirectoryConflictEntry";
    static final String UNRESOLVED_REFERENCE_CODE = "UnableToResolveReferenceAttributeValue";
    private static final String USER_TYPE = LogEntryJson.IDENTITY_TYPE;

    private final ObjectMapper mapper;
    private final Directory directory;
    private final ProvisioningLog log;
    private final StatsCounter stats;

    UploadProcessor(ObjectMapper mapper, Directory directory, ProvisioningLog log, StatsCounter stats) {
        this.mapper = mapper;
        this.directory = directory;
        this.log = log;
        this.stats = stats;
    }

    /** One operation while its request is processed: its entries (the user's own, then a possible follow-up). */
    private static final class Outcome {
        final BulkUpload.Operation op;
        final String changeId = UUID.randomUUID().toString();
        final List<LogEntryJson> entries = new ArrayList<>();
        Directory.Entry written;
        String deferredManager;
        String decision;

        Outcome(BulkUpload.Operation op) {
            this.op = op;
        }
    }

    void process(JobState job, BulkUpload upload, EmulatorSettings settings, Instant now, String tenantId) {
        String cycleId = UUID.randomUUID().toString();
        Pattern failing = settings.failingPattern();
        List<Outcome> outcomes = new ArrayList<>();
        Set<String> thisCycle = new HashSet<>();
        synchronized (directory) {
            for (BulkUpload.Operation op : upload.operations()) {
                Outcome o = new Outcome(op);
                outcomes.add(o);
                applyUser(job, o, settings, failing, now, thisCycle);
            }
            for (Outcome o : outcomes) {
                followUp(job, o, now);
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            // the users' own entries first, then the follow-ups a second later (listed newest first)
            for (Outcome o : outcomes) {
                if (pass == 0) {
                    stats.decision(o.decision);
                }
                if (o.entries.size() <= pass) {
                    continue;
                }
                LogEntryJson e = o.entries.get(pass);
                // The JSON shows whole seconds (as the sample does); visibility counts from the real instant.
                Instant when = now.plusSeconds(pass);
                ObjectNode json = e.render(mapper, job.ref, tenantId, cycleId, o.changeId, when);
                log.add(when, settings.logDelay(), job.ref.jobId(), cycleId, o.changeId, e, json);
                stats.record(e.action, e.status);
            }
        }
        job.executed(now);
    }

    private void applyUser(JobState job, Outcome o, EmulatorSettings settings, Pattern failing, Instant now,
            Set<String> thisCycle) {
        BulkUpload.Operation op = o.op;
        String ext = op.externalId();
        Directory.Entry existing = directory.get(ext);
        String action = existing == null ? "create" : "update";
        LogEntryJson entry = new LogEntryJson(ext, existing == null ? "" : existing.objectId,
                displayName(op.data(), existing), existing == null ? "" : existing.userName);
        o.entries.add(entry);
        JsonNode activeNode = op.data().get("active");
        Boolean active = (activeNode != null && activeNode.isBoolean()) ? activeNode.booleanValue() : null;
        importSteps(entry, op, existing, active);
        String exportStep = existing == null ? "EntryExportAdd" : "EntryExportUpdate";

        if (failing != null && failing.matcher(ext).matches()) {
            failInjected(entry, action, exportStep, settings);
            o.decision = "failed";
            return;
        }

        ObjectNode incoming = Attributes.incoming(mapper, op.data());
        // As the service does: what the schema lacks or no attribute mapping uses is ignored (issue 16).
        job.schema.dropIgnored(incoming);
        ObjectNode before = existing == null ? mapper.createObjectNode() : existing.attributes;
        ObjectNode after = Attributes.merge(before, incoming);
        String userName = after.path("userName").isTextual() ? after.get("userName").textValue() : null;

        Optional<String> holder = directory.userNameHolder(userName, ext);
        if (holder.isPresent()) {
            failConflict(entry, action, exportStep, userName, holder.get());
            o.decision = "failed";
            return;
        }

        boolean enabled = existing == null
                ? (active != null ? active : settings.activeWhenMissingOnCreate())
                // Like the real service: a record without active (or with null) disables an existing account.
                : Boolean.TRUE.equals(active);
        List<Attributes.Change> changes = new ArrayList<>(Attributes.diff(before, after));
        if (existing == null || existing.accountEnabled != enabled) {
            changes.add(0, new Attributes.Change("accountEnabled",
                    existing == null ? null : (existing.accountEnabled ? "True" : "False"), enabled ? "True"
                    : "False"));
        }
        ManagerChange manager = managerChange(job, op, existing, thisCycle);
        o.deferredManager = manager.deferred();
        thisCycle.add(ext);

        if (existing != null && changes.isEmpty() && manager.set() == null && !manager.clear()) {
            skipUnchanged(job, o, entry, existing);
            return;
        }
        boolean wasEnabled = existing != null && existing.accountEnabled;
        Directory.Entry target = write(existing, ext, after, enabled, manager, entry, now);
        job.markProcessed(ext);
        o.written = target;
        String decision = existing == null ? "create"
                : wasEnabled != enabled ? (enabled ? "enable" : "disable")
                : "update";
        exportSteps(o, entry, existing == null, decision, changes);
    }

    /** The import, scoping and matching steps every entry starts with, as the published sample shows them. */
    private void importSteps(LogEntryJson entry, BulkUpload.Operation op, Directory.Entry existing, Boolean active) {
        String ext = op.externalId();
        ObjectNode received = entry.step(mapper, "EntryImportAdd", "import", "success", "Received " + USER_TYPE + " '"
                + ext + "' change of type (Add) from API");
        Attributes.flatten(op.data()).forEach((name, value) -> {
            if (!name.startsWith("schemas")) {
                received.put(name.replaceAll("[^A-Za-z0-9\\[\\] \"]", ""), value);
            }
        });
        ObjectNode scoping = entry.step(mapper, "EntrySynchronizationScoping", "scoping", "success", "Determine if "
                + USER_TYPE + " in scope by evaluating against each scoping filter");
        scoping.put("Active in the source system", Boolean.FALSE.equals(active) ? "False" : "True");
        scoping.put("Scoping filter evaluation passed", "True").put("ScopeEvaluationResult", "{}");
        if (existing == null) {
            entry.step(mapper, "EntrySynchronizationAdd", "matching", "success", USER_TYPE + " '" + ext + "' will be"
                    + " created in Azure Active Directory (" + USER_TYPE + " is active and assigned in API, but no"
                    + " matching " + USER_TYPE + " was found in Azure Active Directory)");
        } else {
            entry.step(mapper, "EntryImport", "matching", "success", "Retrieved  '" + existing.userName + "' from Azure"
                    + " Active Directory").put("objectId", existing.objectId).put("employeeId", ext)
                    .put("accountEnabled", existing.accountEnabled ? "True" : "False");
        }
    }

    /** The failure the emulator's {@code failingExternalIdPattern} injects. */
    private void failInjected(LogEntryJson entry, String action, String exportStep, EmulatorSettings settings) {
        boolean transientFailure = settings.failingTransient();
        String why = "Injected failure: externalId '" + entry.sourceId + "' matches the emulator's"
                + " failingExternalIdPattern ("
                + (transientFailure ? "transient; sending the record again can succeed" : "permanent") + ").";
        entry.fail(mapper, new LogEntryJson.Failure(action, exportStep, "export", settings.failingErrorCode(),
                transientFailure ? "failure" : "nonServiceFailure", why,
                transientFailure ? "Retry the record later."
                : "Fix the record in the source system, then send it again."));
    }

    /** Another user holds the userPrincipalName: the service's conflict entry. */
    private void failConflict(LogEntryJson entry, String action, String exportStep, String userName, String holder) {
        entry.fail(mapper, new LogEntryJson.Failure(action, exportStep, "export", CONFLICT_CODE, "nonServiceFailure",
                "Failed to " + action + " User '" + entry.sourceId
                        + "' in Microsoft Entra ID: another object with the same value "
                        + "for the unique property userPrincipalName ('" + userName
                        + "') already exists" + (holder.isEmpty() ? "" : " (employeeId '" + holder + "')") + ".",
                "Make userName unique in the source system (the provisioning service does not check it), "
                        + "or remove the conflicting user, then send the record again."));
    }

    /**
     * What happens to the user's manager.
     *
     * @param set set now (this job processed the manager in an earlier cycle); null otherwise
     * @param clear the record sent an empty manager and the user has one
     * @param deferred skipped for now, maybe set by a follow-up; null otherwise
     * @param sent the manager the record names (null when it names none)
     */
    private record ManagerChange(String set, boolean clear, String deferred, String sent) {
    }

    /** The manager: set now when this job processed it in an earlier cycle; otherwise skipped (maybe followed up). */
    private ManagerChange managerChange(JobState job, BulkUpload.Operation op, Directory.Entry existing,
            Set<String> thisCycle) {
        JsonNode enterprise = op.data().get(BulkRequestParser.ENTERPRISE_USER);
        boolean managerSent = enterprise != null && enterprise.has("manager");
        JsonNode managerValue = managerSent ? enterprise.get("manager").path("value") : null;
        String managerId = managerValue != null && managerValue.isTextual() && !managerValue.textValue().isBlank()
                ? managerValue.textValue() : null;
        String currentManager = existing == null ? null : existing.managerExternalId;
        if (managerSent && managerId == null && currentManager != null) {
            return new ManagerChange(null, true, null, null);
        }
        if (managerId != null && !managerId.equals(currentManager)) {
            if (job.hasProcessed(managerId) && !thisCycle.contains(managerId) && directory.get(managerId) != null) {
                return new ManagerChange(managerId, false, null, managerId);
            }
            return new ManagerChange(null, false, managerId, managerId);
        }
        return new ManagerChange(null, false, null, managerId);
    }

    /** Nothing to change: the service's redundant-export skip. */
    private void skipUnchanged(JobState job, Outcome o, LogEntryJson entry, Directory.Entry existing) {
        String ext = o.op.externalId();
        o.written = existing;
        job.markProcessed(ext);
        entry.action = "other";
        entry.status = "skipped";
        if (o.deferredManager != null) {
            skipManagerStep(entry, o.deferredManager, existing.userName);
        }
        entry.step(mapper, "EntrySynchronizationSkip", "export", "skipped", "The state of the entry in both the"
                + " source and target systems already match. No change to the User '" + existing.userName
                + "' currently needs to be made.").put("ReportableIdentifier", ext).put("SkipReason",
                "RedundantExport");
        o.decision = "skip";
    }

    /** Writes the user (a new one when {@code existing} is null) to the directory and points the entry at it. */
    private Directory.Entry write(Directory.Entry existing, String ext, ObjectNode after, boolean enabled,
            ManagerChange manager, LogEntryJson entry, Instant now) {
        Directory.Entry target = existing == null ? new Directory.Entry(ext, now) : existing;
        String previousUserName = target.userName;
        target.userName = after.path("userName").isTextual() ? after.get("userName").textValue() : null;
        target.accountEnabled = enabled;
        target.attributes = after;
        target.lastModified = now;
        if (manager.set() != null) {
            String old = target.managerExternalId == null ? null : objectIdOf(target.managerExternalId);
            entry.modified("manager", old, directory.get(manager.set()).objectId);
            target.managerExternalId = manager.set();
            target.unresolvedManagerExternalId = null;
        } else if (manager.clear()) {
            entry.modified("manager", objectIdOf(target.managerExternalId), null);
            target.managerExternalId = null;
            target.unresolvedManagerExternalId = null;
        } else if (manager.sent() != null && manager.sent().equals(target.managerExternalId)) {
            target.unresolvedManagerExternalId = null;
        }
        directory.put(target, previousUserName);
        entry.targetId = target.objectId;
        entry.targetDisplayName = target.displayName();
        entry.targetUserPrincipalName = target.userName;
        return target;
    }

    /** The entry's action, modified properties and export step for a user written with {@code decision}. */
    private void exportSteps(Outcome o, LogEntryJson entry, boolean created, String decision,
            List<Attributes.Change> changes) {
        String ext = o.op.externalId();
        Directory.Entry target = o.written;
        if (created) {
            entry.modified("employeeId", null, ext);
        }
        entry.action = switch (decision) {
            case "create" -> "create";
            case "disable" -> "disable";
            default -> "update";
        };
        changes.forEach(c -> entry.modified(c.name(), c.oldValue(), c.newValue()));
        if (o.deferredManager != null) {
            skipManagerStep(entry, o.deferredManager, target.userName);
        }
        ObjectNode exported = entry.step(mapper, created ? "EntryExportAdd" : "EntryExportUpdate", "export",
                "success", "Urn:ietf:params:scim:schemas:extension:enterprise:2.0:User '" + target.userName + "' was "
                        + (created ? "created" : "updated") + " in Azure Active Directory");
        changes.forEach(c -> exported.put(c.name().replaceAll("[^A-Za-z0-9]", ""), c.newValue()));
        exported.put("ReportableIdentifier", ext);
        o.decision = decision;
    }

    /** The skip step Microsoft's sample shows for a manager that cannot be resolved yet (its words as published). */
    private void skipManagerStep(LogEntryJson entry, String managerId, String userPrincipalName) {
        entry.step(mapper, "EntrySynchronizationSkip", "processing", "success", "We were unable to assign " + managerId
                + " as the manager of " + userPrincipalName + ". In order to ensure that the references are updated"
                + " properly, you have two options. First, ensure that " + managerId + " is in scope for provisioning."
                + " Provision " + managerId + " on-demand and then provision " + userPrincipalName + " on-demand."
                + " Alternatively, you can restart provisioning after ensuring that " + managerId + " is in scope for"
                + " provisioning. ")
                .put(managerId, "manager Add").put("PropertyName", "manager").put("SkipReason",
                UNRESOLVED_REFERENCE_CODE);
    }

    /**
     * After the whole request: a skipped manager that this cycle processed is set by a follow-up of the same change.
     */
    private void followUp(JobState job, Outcome o, Instant now) {
        if (o.written == null || o.deferredManager == null) {
            return;
        }
        Directory.Entry user = o.written;
        Directory.Entry manager = directory.get(o.deferredManager);
        if (!job.hasProcessed(o.deferredManager) || manager == null) {
            user.unresolvedManagerExternalId = o.deferredManager;
            return;
        }
        LogEntryJson entry = new LogEntryJson(user.externalId, user.objectId, user.displayName(), user.userName);
        entry.action = "update";
        entry.modified("manager", user.managerExternalId == null ? null : objectIdOf(user.managerExternalId),
                manager.objectId);
        entry.step(mapper, "EntryExportUpdate", "export", "success",
                "Urn:ietf:params:scim:schemas:extension:enterprise:2.0:User '"
                + user.externalId + "' was updated in Azure Active Directory").put("ReportableIdentifier",
                user.externalId);
        user.managerExternalId = o.deferredManager;
        user.unresolvedManagerExternalId = null;
        user.lastModified = now;
        o.entries.add(entry);
    }

    private String objectIdOf(String externalId) {
        Directory.Entry entry = externalId == null ? null : directory.get(externalId);
        return entry == null ? null : entry.objectId;
    }

    private static String displayName(ObjectNode data, Directory.Entry existing) {
        JsonNode d = data.get("displayName");
        if (d != null && d.isTextual()) {
            return d.textValue();
        }
        return existing == null ? "" : existing.displayName();
    }
}
