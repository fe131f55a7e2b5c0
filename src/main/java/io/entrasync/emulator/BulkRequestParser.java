package io.entrasync.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.contract.ServiceLimits;

/**
 * The emulator's own reading of a bulkUpload body, following the documented contract (not the client's code): a SCIM
 * BulkRequest with 1..50 POST /Users operations, unique bulkIds, core + enterprise schema URNs in every user, every
 * custom namespace used listed in {@code data.schemas}, and an externalId. Any violation is a 400 naming its location.
 */
final class BulkRequestParser {
    static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final int MAX_OPERATIONS = ServiceLimits.OPERATIONS_PER_CALL;

    private final ObjectMapper mapper;

    BulkRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    BulkUpload parse(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw EmulatorException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw EmulatorException.badRequest("The request body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw EmulatorException.badRequest("The request body must be a JSON object (a SCIM BulkRequest).");
        }
        JsonNode schemas = root.get("schemas");
        if (schemas == null || !schemas.isArray() || !contains(schemas, BULK_REQUEST)) {
            throw EmulatorException.badRequest("schemas must be an array containing \"" + BULK_REQUEST + "\".");
        }
        JsonNode failOnErrors = root.get("failOnErrors");
        if (failOnErrors != null && !failOnErrors.isNull() && !failOnErrors.isIntegralNumber()) {
            throw EmulatorException.badRequest("failOnErrors must be null or an integer, got " + failOnErrors);
        }
        JsonNode ops = root.get("Operations");
        if (ops == null || !ops.isArray()) {
            throw EmulatorException.badRequest("Operations must be an array of 1 to " + MAX_OPERATIONS
                    + " operations.");
        }
        if (ops.isEmpty() || ops.size() > MAX_OPERATIONS) {
            throw EmulatorException.badRequest("Operations has " + ops.size() + " entries; a bulk request carries 1 to "
                    + MAX_OPERATIONS + " operations.");
        }
        List<BulkUpload.Operation> result = new ArrayList<>(ops.size());
        Set<String> bulkIds = new HashSet<>();
        for (int i = 0; i < ops.size(); i++) {
            result.add(operation(i, ops.get(i), bulkIds));
        }
        return new BulkUpload(result);
    }

    private BulkUpload.Operation operation(int i, JsonNode op, Set<String> bulkIds) {
        String at = "Operations[" + i + "]";
        if (!op.isObject()) {
            throw EmulatorException.badRequest(at + " must be an object.");
        }
        String method = text(op, "method");
        if (!"POST".equals(method)) {
            throw EmulatorException.badRequest(at + ".method is " + quoted(method)
                    + "; the only method accepted is \"POST\".");
        }
        String path = text(op, "path");
        if (!"/Users".equals(path)) {
            throw EmulatorException.badRequest(at + ".path is " + quoted(path) + "; it must be \"/Users\".");
        }
        String bulkId = text(op, "bulkId");
        if (bulkId == null || bulkId.isBlank()) {
            throw EmulatorException.badRequest(at
                    + ".bulkId is missing; every operation needs a bulkId unique within the request.");
        }
        if (!bulkIds.add(bulkId)) {
            throw EmulatorException.badRequest(at + ".bulkId \"" + bulkId
                    + "\" is used by an earlier operation; bulkIds must be unique within the request.");
        }
        JsonNode dataNode = op.get("data");
        if (dataNode == null || !dataNode.isObject()) {
            throw EmulatorException.badRequest(at + ".data must be an object (the SCIM user).");
        }
        ObjectNode data = (ObjectNode) dataNode;
        JsonNode schemas = data.get("schemas");
        if (schemas == null || !schemas.isArray()) {
            throw EmulatorException.badRequest(at + ".data.schemas must be an array listing \"" + CORE_USER
                    + "\" and \"" + ENTERPRISE_USER + "\".");
        }
        for (String required : List.of(CORE_USER, ENTERPRISE_USER)) {
            if (!contains(schemas, required)) {
                throw EmulatorException.badRequest(at + ".data.schemas does not list \"" + required + "\".");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.regionMatches(true, 0, "urn:", 0, 4)) {
                if (!contains(schemas, name)) {
                    throw EmulatorException.badRequest(at + ".data uses the namespace \"" + name
                            + "\" but data.schemas does not list it; add it to data.schemas.");
                }
                if (!field.getValue().isObject()) {
                    throw EmulatorException.badRequest(at + ".data[\"" + name + "\"] must be an object of attributes.");
                }
                if (!name.equals(ENTERPRISE_USER)) {
                    rejectMultiValuedComplex(at + ".data[\"" + name + "\"]", field.getValue());
                }
            }
        }
        JsonNode externalId = data.get("externalId");
        if (externalId == null || externalId.isNull() || !externalId.isTextual() || externalId.textValue().isBlank()) {
            throw EmulatorException.badRequest(at
                    + ".data.externalId is missing or empty; it is the source anchor that matches the user.");
        }
        typeCheck(at, data);
        return new BulkUpload.Operation(i, bulkId, externalId.textValue(), data);
    }

    private static void typeCheck(String at, ObjectNode data) {
        JsonNode active = data.get("active");
        if (active != null && !active.isNull() && !active.isBoolean()) {
            throw EmulatorException.badRequest(at + ".data.active must be true or false, got " + active + ".");
        }
        JsonNode userName = data.get("userName");
        if (userName != null && !userName.isNull() && !userName.isTextual()) {
            throw EmulatorException.badRequest(at + ".data.userName must be a string, got " + userName + ".");
        }
        JsonNode enterprise = data.get(ENTERPRISE_USER);
        if (enterprise != null && enterprise.has("manager")) {
            JsonNode manager = enterprise.get("manager");
            if (!manager.isNull() && !(manager.isObject() && (manager.path("value").isTextual()
                    || manager.path("value").isNull()
                    || manager.path("value").isMissingNode()))) {
                throw EmulatorException.badRequest(at + ".data[\"" + ENTERPRISE_USER
                        + "\"].manager must be an object {\"value\": \"<manager's externalId>\"}, got " + manager
                        + ".");
            }
        }
    }

    private static void rejectMultiValuedComplex(String at, JsonNode namespace) {
        for (Iterator<Map.Entry<String, JsonNode>> it = namespace.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attr = it.next();
            JsonNode v = attr.getValue();
            if (v.isArray()) {
                for (JsonNode item : v) {
                    if (item.isObject()) {
                        throw EmulatorException.badRequest(at + "." + attr.getKey()
                                + " is a multi-valued complex attribute; the provisioning service does not support"
                                + " those in custom namespaces.");
                    }
                }
            }
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.isTextual() && n.textValue().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private static String quoted(String s) {
        return s == null ? "missing" : "\"" + s + "\"";
    }
}
