package io.entrasync.emulator;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /{v1.0|beta}/users?$filter=userPrincipalName eq '…'} (or {@code mail eq '…'}) with {@code $select}, as
 * Microsoft Graph's List users answers it (https://learn.microsoft.com/en-us/graph/api/user-list: application
 * permission User.Read.All; {@code {"@odata.context": "…/$metadata#users(…)", "value": [ … ]}}; a string literal's
 * {@code '} doubled as OData requires). Only the filters the client sends are understood; any other is a 400, as
 * Graph answers a filter it does not support. Answers from the provisioned users and the cloud-only accounts a test
 * added; without User.Read.All ({@link ProvisioningEmulator#revokePermission}) a 403 Authorization_RequestDenied.
 */
final class UsersEndpoint {

    static final String PERMISSION = "User.Read.All";
    private static final Pattern FILTER = Pattern.compile("(userPrincipalName|mail) eq '((?:[^']|'')*)'");
    private static final Set<String> SELECTABLE = Set.of("id", "userPrincipalName", "mail", "employeeId");

    private final ProvisioningEmulator emu;
    private final GraphEndpoints graph;

    UsersEndpoint(ProvisioningEmulator emu, GraphEndpoints graph) {
        this.emu = emu;
        this.graph = graph;
    }

    void list(Exchange ex, String version) throws IOException {
        EmulatorRouter.requireMethod(ex, "GET");
        graph.authenticate(ex, emu.settings());
        emu.usersQueries.incrementAndGet();
        if (emu.revoked(PERMISSION)) {
            throw new EmulatorException(403, "Authorization_RequestDenied",
                    "Insufficient privileges to complete the operation.");
        }
        Map<String, String> query = ex.query();
        String filter = query.get("$filter");
        Matcher matcher = filter == null ? null : FILTER.matcher(filter.trim());
        if (matcher == null || !matcher.matches()) {
            throw EmulatorException.badRequest("The emulator's users list understands only $filter="
                    + "userPrincipalName eq '…' or mail eq '…', got " + (filter == null ? "none" : "'" + filter + "'")
                    + ".");
        }
        String select = query.getOrDefault("$select", "id,userPrincipalName,mail,employeeId");
        String[] fields = select.split(",", -1);
        for (String field : fields) {
            if (!SELECTABLE.contains(field.trim())) {
                throw EmulatorException.badRequest("$select '" + field.trim() + "' is not served by the emulator ("
                        + String.join(", ", SELECTABLE) + ").");
            }
        }
        ObjectNode answer = emu.mapper.createObjectNode();
        answer.put("@odata.context", emu.baseUrl() + "/" + version + "/$metadata#users(" + select + ")");
        ArrayNode values = answer.putArray("value");
        for (String[] user : emu.directory.withProperty(matcher.group(1), matcher.group(2).replace("''", "'"))) {
            ObjectNode value = values.addObject();
            for (String field : fields) {
                String name = field.trim();
                int index = switch (name) {
                    case "id" -> 0;
                    case "userPrincipalName" -> 1;
                    case "mail" -> 2;
                    default -> 3;
                };
                value.put(name, user[index]);
            }
        }
        ex.sendJson(200, answer);
    }
}
