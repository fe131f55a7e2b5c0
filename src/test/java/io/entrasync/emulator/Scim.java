package io.entrasync.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds bulkUpload bodies for the tests, independently of the client's SCIM code. */
final class Scim {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private Scim() {
    }

    static String fixture(String name) {
        try (InputStream in = Scim.class.getResourceAsStream("/emulator/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete user with an explicit active flag. */
    static ObjectNode user(String externalId, String userName, boolean active) {
        ObjectNode u = MAPPER.createObjectNode();
        u.putArray("schemas").add(CORE).add(ENTERPRISE);
        u.put("externalId", externalId);
        u.put("userName", userName);
        u.put("displayName", "User " + externalId);
        u.putObject("name").put("givenName", "Given" + externalId).put("familyName", "Family");
        u.put("active", active);
        u.putObject(ENTERPRISE).put("department", "Sales").put("employeeNumber", externalId);
        return u;
    }

    static ObjectNode withManager(ObjectNode user, String managerExternalId) {
        ((ObjectNode) user.get(ENTERPRISE)).putObject("manager").put("value", managerExternalId);
        return user;
    }

    static ObjectNode bulk(ObjectNode... users) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putArray("schemas").add(BULK);
        ArrayNode ops = root.putArray("Operations");
        int i = 0;
        for (ObjectNode u : users) {
            ops.addObject().put("method", "POST").put("bulkId", "b" + i++).put("path", "/Users").set("data", u);
        }
        root.putNull("failOnErrors");
        return root;
    }

    static String json(ObjectNode node) {
        return node.toString();
    }
}
