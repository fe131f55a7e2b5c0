package io.entrasync.plan;

import java.util.Locale;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.scim.ScimSchemas;
import io.entrasync.scim.ScimUser;

/** Small complete SCIM users for tests. */
public final class TestUsers {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private TestUsers() {
    }

    public static ScimUser user(String externalId, long position) {
        return user(externalId, position, null);
    }

    public static ScimUser user(String externalId, long position, String managerExternalId) {
        ObjectNode data = MAPPER.createObjectNode();
        data.putArray("schemas").add(ScimSchemas.CORE_USER).add(ScimSchemas.ENTERPRISE_USER);
        data.put("externalId", externalId);
        data.put("userName", externalId.toLowerCase(Locale.ROOT) + "@contoso.example");
        data.put("active", true);
        data.putObject("name").put("familyName", "Family" + externalId).put("givenName", "Given" + externalId);
        ObjectNode enterprise = data.putObject(ScimSchemas.ENTERPRISE_USER);
        enterprise.put("employeeNumber", externalId).put("department", "Dept");
        if (managerExternalId != null) {
            enterprise.putObject("manager").put("value", managerExternalId);
        }
        return new ScimUser(externalId, position, data);
    }
}
