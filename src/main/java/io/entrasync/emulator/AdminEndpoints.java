package io.entrasync.emulator;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /_emulator/...}: inspection and control for tests and demos. No authentication. */
final class AdminEndpoints {
    private final ProvisioningEmulator emu;

    AdminEndpoints(ProvisioningEmulator emu) {
        this.emu = emu;
    }

    void handle(Exchange ex, String rest) throws IOException {
        String[] parts = rest.split("/", -1);
        String method = ex.method();
        switch (parts[0]) {
            case "jobs" -> {
                if (parts.length == 1 || (parts.length == 2 && parts[1].isEmpty())) {
                    EmulatorRouter.requireMethod(ex, "GET");
                    ArrayNode jobs = emu.mapper.createArrayNode();
                    emu.jobs().forEach(j -> jobs.addObject().put("servicePrincipalId",
                            j.servicePrincipalId()).put("jobId", j.jobId()));
                    ex.sendJson(200, jobs);
                } else if (parts.length == 3 && parts[2].equals("quarantine")) {
                    quarantine(ex, decode(parts[1]));
                } else {
                    notFound(rest);
                }
            }
            case "stats" -> {
                EmulatorRouter.requireMethod(ex, "GET");
                ex.sendJson(200, statsJson(emu.stats()));
            }
            case "arrivals" -> {
                EmulatorRouter.requireMethod(ex, "GET");
                CallArrivals.Snapshot snapshot = emu.bulkUploadArrivals();
                ObjectNode o = emu.mapper.createObjectNode();
                ArrayNode at = o.putArray("arrivals");
                snapshot.arrivals().forEach(instant -> at.add(instant.toEpochMilli()));
                o.put("lostAnswers", snapshot.lostAnswers());
                ex.sendJson(200, o);
            }
            case "users" -> {
                EmulatorRouter.requireMethod(ex, "GET");
                if (parts.length == 1 || parts[1].isEmpty()) {
                    ArrayNode users = emu.mapper.createArrayNode();
                    emu.users().forEach(u -> users.add(userJson(u)));
                    ex.sendJson(200, users);
                } else {
                    String externalId = decode(rest.substring("users/".length()));
                    UserView user = emu.user(externalId).orElseThrow(() -> new EmulatorException(404, "NotFound",
                            "No user with externalId '" + externalId + "' has been processed."));
                    ex.sendJson(200, userJson(user));
                }
            }
            case "logs" -> {
                EmulatorRouter.requireMethod(ex, "GET");
                ObjectNode o = emu.mapper.createObjectNode();
                ArrayNode values = o.putArray("value");
                for (LogEntry e : emu.logEntries()) {
                    ObjectNode copy = e.json().deepCopy();
                    copy.put("_visibleAt", e.visibleAt().toString());
                    values.add(copy);
                }
                ex.sendJson(200, o);
            }
            case "settings" -> {
                if (method.equals("GET")) {
                    ex.sendJson(200, emu.settingsJson());
                } else if (method.equals("PATCH") || method.equals("POST")) {
                    JsonNode patch = ex.jsonBody();
                    try {
                        emu.updateSettings(s -> SettingsJson.applyPatch(s, patch));
                    } catch (IllegalArgumentException e) {
                        throw EmulatorException.badRequest(e.getMessage());
                    }
                    ex.sendJson(200, emu.settingsJson());
                } else {
                    throw new EmulatorException(405, "MethodNotAllowed", "Use GET or PATCH on /_emulator/settings.");
                }
            }
            case "reset" -> {
                EmulatorRouter.requireMethod(ex, "POST");
                emu.reset();
                ex.sendEmpty(204);
            }
            default -> notFound(rest);
        }
    }

    private void quarantine(Exchange ex, String jobId) throws IOException {
        if (!ex.method().equals("PUT") && !ex.method().equals("POST")) {
            throw new EmulatorException(405, "MethodNotAllowed", "Use PUT with {\"quarantined\": true|false}.");
        }
        JobState job = emu.job(jobId).orElseThrow(() -> new EmulatorException(404, "NotFound", "Unknown job '" + jobId
                + "'."));
        JsonNode body = ex.jsonBody();
        if (!body.path("quarantined").isBoolean()) {
            throw EmulatorException.badRequest("Body must be {\"quarantined\": true} or {\"quarantined\": false}.");
        }
        emu.setQuarantined(job.ref, body.get("quarantined").booleanValue());
        ex.sendJson(200, emu.mapper.createObjectNode().put("jobId", jobId).put("quarantined",
                emu.isQuarantined(job.ref)));
    }

    private ObjectNode statsJson(EmulatorStats stats) {
        ObjectNode o = emu.mapper.createObjectNode();
        ObjectNode calls = o.putObject("calls");
        calls.put("accepted", stats.calls().accepted());
        calls.put("throttled", stats.calls().throttled());
        calls.put("rejected", stats.calls().rejected());
        calls.put("failed", stats.calls().failed());
        ObjectNode records = o.putObject("records");
        for (Map.Entry<String, Map<String, Long>> e : stats.records().entrySet()) {
            ObjectNode byStatus = records.putObject(e.getKey());
            e.getValue().forEach(byStatus::put);
        }
        ObjectNode decisions = o.putObject("decisions");
        stats.decisions().forEach(decisions::put);
        o.put("users", stats.users());
        o.put("pendingUploads", stats.pendingUploads());
        return o;
    }

    private ObjectNode userJson(UserView u) {
        ObjectNode o = emu.mapper.createObjectNode();
        o.put("id", u.id());
        o.put("externalId", u.externalId());
        o.put("employeeId", u.externalId());
        o.put("userName", u.userName());
        o.put("displayName", u.displayName());
        o.put("accountEnabled", u.accountEnabled());
        o.put("manager", u.managerExternalId());
        o.put("unresolvedManager", u.unresolvedManagerExternalId());
        o.set("attributes", u.attributes());
        o.put("createdDateTime", u.createdDateTime().toString());
        o.put("lastModifiedDateTime", u.lastModifiedDateTime().toString());
        return o;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void notFound(String rest) {
        throw new EmulatorException(404, "NotFound", "Unknown admin endpoint /_emulator/" + rest + ". Known: "
                + List.of("jobs", "jobs/{jobId}/quarantine", "stats", "arrivals", "users", "users/{externalId}", "logs",
                "settings", "reset"));
    }
}
