package io.entrasync.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the provisioning service does with an accepted upload, one operation at a time, in request order:
 * match by externalId (↔ employeeId); create, update, enable, disable or skip; then resolve manager references
 * against the externalIds this job has processed (earlier or anywhere in this request). Every operation ends in at
 * least one log entry; a change with a manager reference produces a second entry with the same changeId.
 */
final class UploadProcessor {
    static final String CONFLICT_CODE = "AzureActiveDirectoryConflictEntry";
    static final String UNRESOLVED_REFERENCE_CODE = "UnableToResolveReferenceAttributeValue";

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

    /** The outcome of the first pass for one operation; the second pass adds the manager reference. */
    private static final class Outcome {
        final BulkUpload.Operation op;
        final String changeId = UUID.randomUUID().toString();
        final List<LogEntryJson> entries = new ArrayList<>();
        Directory.Entry written;
        boolean skipped;
        String decision;

        Outcome(BulkUpload.Operation op) {
            this.op = op;
        }
    }

    void process(JobState job, BulkUpload upload, EmulatorSettings settings, Instant now, String tenantId) {
        String cycleId = UUID.randomUUID().toString();
        Pattern failing = settings.failingPattern();
        List<Outcome> outcomes = new ArrayList<>();
        synchronized (directory) {
            for (BulkUpload.Operation op : upload.operations()) {
                Outcome o = new Outcome(op);
                outcomes.add(o);
                applyUser(job, o, settings, failing, now);
            }
            for (Outcome o : outcomes) {
                resolveManager(job, o, now);
            }
        }
        for (Outcome o : outcomes) {
            boolean onlyManager = o.skipped && o.entries.size() > 1;
            stats.decision(onlyManager ? "update" : o.decision);
            for (int i = onlyManager ? 1 : 0; i < o.entries.size(); i++) {
                LogEntryJson e = o.entries.get(i);
                ObjectNode json = e.render(mapper, job.ref, tenantId, cycleId, o.changeId, now);
                log.add(now, settings.logDelay(), job.ref.jobId(), cycleId, o.changeId, o.op.externalId(), e.action,
                        e.status, json);
                stats.record(e.action, e.status);
            }
        }
        job.executed(now);
    }

    private void applyUser(JobState job, Outcome o, EmulatorSettings settings, Pattern failing, Instant now) {
        BulkUpload.Operation op = o.op;
        String ext = op.externalId();
        Directory.Entry existing = directory.get(ext);
        String action = existing == null ? "create" : "update";
        LogEntryJson entry = new LogEntryJson(ext, displayName(op.data(), existing), existing == null ? "" : existing.objectId);
        o.entries.add(entry);
        entry.step("EntryImport", "import", "success", "Received User '" + ext + "' from the API (bulkId " + op.bulkId() + ")");
        entry.step("EntrySynchronization", "matching", "success", existing == null
                ? "No user with employeeId '" + ext + "' was found; the user will be created"
                : "Matched the user with employeeId '" + ext + "' (object " + existing.objectId + ")");

        if (failing != null && failing.matcher(ext).matches()) {
            String category = settings.failingTransient() ? "failure" : "nonServiceFailure";
            entry.fail(action, "EntryExport", "export", settings.failingErrorCode(), category,
                    "Injected failure: externalId '" + ext + "' matches the emulator's failingExternalIdPattern ("
                            + (settings.failingTransient() ? "transient; sending the record again can succeed" : "permanent") + ").",
                    settings.failingTransient() ? "Retry the record later." : "Fix the record in the source system, then send it again.");
            o.decision = "failed";
            return;
        }

        ObjectNode incoming = Attributes.incoming(mapper, op.data());
        // As the service does: what the schema lacks or no attribute mapping uses is ignored (issue 16).
        job.schema.dropIgnored(incoming);
        JsonNode activeNode = op.data().get("active");
        Boolean active = activeNode != null && activeNode.isBoolean() ? activeNode.booleanValue() : null;
        ObjectNode before = existing == null ? mapper.createObjectNode() : existing.attributes;
        ObjectNode after = Attributes.merge(before, incoming);
        String userName = after.path("userName").isTextual() ? after.get("userName").textValue() : null;

        Optional<String> holder = directory.userNameHolder(userName, ext);
        if (holder.isPresent()) {
            entry.fail(action, "EntryExport", "export", CONFLICT_CODE, "nonServiceFailure",
                    "Failed to " + action + " User '" + ext + "' in Microsoft Entra ID: another object with the same value "
                            + "for the unique property userPrincipalName ('" + userName + "') already exists (employeeId '"
                            + holder.get() + "').",
                    "Make userName unique in the source system (the provisioning service does not check it), "
                            + "or remove the conflicting user, then send the record again.");
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
                    existing == null ? null : String.valueOf(existing.accountEnabled), String.valueOf(enabled)));
        }

        if (existing != null && changes.isEmpty()) {
            o.skipped = true;
            o.written = existing;
            job.markProcessed(ext);
            entry.action = "other";
            entry.status = "skipped";
            entry.step("EntryExportSkip", "export", "skipped", "User '" + ext + "' is up to date; nothing was exported");
            o.decision = "skip";
            return;
        }

        boolean wasEnabled = existing != null && existing.accountEnabled;
        Directory.Entry target = existing == null ? new Directory.Entry(ext, now) : existing;
        String previousUserName = target.userName;
        target.userName = userName;
        target.accountEnabled = enabled;
        target.attributes = after;
        target.lastModified = now;
        directory.put(target, previousUserName);
        job.markProcessed(ext);
        o.written = target;
        entry.targetId = target.objectId;

        String decision;
        if (existing == null) {
            decision = "create";
            entry.modified("objectId", null, target.objectId);
            entry.modified("employeeId", null, ext);
        } else if (wasEnabled != enabled) {
            decision = enabled ? "enable" : "disable";
        } else {
            decision = "update";
        }
        entry.action = switch (decision) {
            case "create" -> "create";
            case "disable" -> "disable";
            default -> "update";
        };
        changes.forEach(c -> entry.modified(c.name(), c.oldValue(), c.newValue()));
        entry.step(existing == null ? "EntryExportAdd" : "EntryExportUpdate", "export", "success",
                "User '" + ext + "' was " + (existing == null ? "created" : decision.equals("update") ? "updated" : decision + "d")
                        + " in Microsoft Entra ID");
        o.decision = decision;
    }

    private void resolveManager(JobState job, Outcome o, Instant now) {
        if (o.written == null) {
            return;
        }
        JsonNode enterprise = o.op.data().get(BulkRequestParser.ENTERPRISE_USER);
        if (enterprise == null || !enterprise.has("manager")) {
            return;
        }
        JsonNode value = enterprise.get("manager").path("value");
        String managerId = value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
        Directory.Entry user = o.written;
        LogEntryJson entry = new LogEntryJson(user.externalId, user.displayName(), user.objectId);
        entry.action = "update";
        entry.step("EntryImport", "import", "success", "Received the manager reference of User '" + user.externalId + "'");
        if (managerId == null) {
            if (user.managerExternalId == null) {
                return;
            }
            entry.modified("manager", user.managerExternalId, null);
            user.managerExternalId = null;
            user.unresolvedManagerExternalId = null;
            entry.step("EntryReferenceResolution", "referenceResolution", "success", "The manager reference was cleared");
        } else if (job.hasProcessed(managerId) && directory.get(managerId) != null) {
            if (managerId.equals(user.managerExternalId)) {
                user.unresolvedManagerExternalId = null;
                return;
            }
            Directory.Entry manager = directory.get(managerId);
            entry.modified("manager", user.managerExternalId, managerId);
            user.managerExternalId = managerId;
            user.unresolvedManagerExternalId = null;
            entry.step("EntryReferenceResolution", "referenceResolution", "success",
                    "Resolved manager '" + managerId + "' to object " + manager.objectId);
        } else {
            user.unresolvedManagerExternalId = managerId;
            entry.fail("update", "EntryReferenceResolution", "referenceResolution", UNRESOLVED_REFERENCE_CODE, "nonServiceFailure",
                    "Failed to update the manager of User '" + user.externalId + "': the reference value '" + managerId
                            + "' could not be resolved, because no user with that externalId has been processed by this job.",
                    "Send the manager's record (externalId '" + managerId + "') through this job before, or in the same "
                            + "request as, the records that reference it.");
            user.lastModified = now;
            o.entries.add(entry);
            return;
        }
        user.lastModified = now;
        entry.step("EntryExportUpdate", "export", "success", "The manager of User '" + user.externalId + "' was updated");
        o.entries.add(entry);
    }

    private static String displayName(ObjectNode data, Directory.Entry existing) {
        JsonNode d = data.get("displayName");
        if (d != null && d.isTextual()) {
            return d.textValue();
        }
        return existing == null ? "" : existing.displayName();
    }
}
