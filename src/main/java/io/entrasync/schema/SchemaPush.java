package io.entrasync.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The custom-namespace attributes the mapping sends that the API source directory lacks, and the schema with them
 * added. Attribute mappings stay the admin's decision (the check names the missing ones). New attributes have the
 * shape the service uses (CSV2SCIM's {@code -UpdateSchema}): {@code name} {@code <namespace>:<attribute>},
 * {@code type}, {@code multivalued}, {@code mutability} ReadWrite, {@code anchor}/{@code caseExact}/{@code required}/
 * {@code flowNullValues} false, empty {@code apiExpressions}, {@code metadata}, {@code referencedObjects}.
 *
 * @param missing the attributes to add, in mapping order
 */
public record SchemaPush(List<Addition> missing) {

    /** One attribute to add to the API source directory's User object. */
    public record Addition(String name, String type, boolean multivalued, String where) {
        ObjectNode toJson() {
            ObjectNode a = JsonNodeFactory.instance.objectNode();
            a.put("anchor", false);
            a.putArray("apiExpressions");
            a.put("caseExact", false);
            a.putNull("defaultValue");
            a.put("flowNullValues", false);
            a.putArray("metadata");
            a.put("multivalued", multivalued);
            a.put("mutability", "ReadWrite");
            a.put("name", name);
            a.putArray("referencedObjects");
            a.put("required", false);
            a.put("type", type);
            return a;
        }
    }

    public SchemaPush {
        missing = List.copyOf(missing);
    }

    public static SchemaPush plan(ApiSourceSchema schema, List<SentAttribute> sent) {
        List<Addition> missing = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SentAttribute attribute : sent) {
            String name = attribute.name().orElse(null);
            if (attribute.custom() && name != null && !schema.defines(name) && seen.add(name)) {
                missing.add(new Addition(name, attribute.type(), false, attribute.where()));
            }
        }
        return new SchemaPush(missing);
    }

    /** A copy of {@code current} with the missing attributes appended to the API directory's User object. */
    public ObjectNode applyTo(ObjectNode current, ApiSourceSchema schema) {
        ObjectNode next = current.deepCopy();
        ObjectNode user = schema.userObject(next);
        ArrayNode attributes = user.has("attributes") && user.get("attributes").isArray()
                ? (ArrayNode) user.get("attributes") : user.putArray("attributes");
        missing.forEach(addition -> attributes.add(addition.toJson()));
        return next;
    }

    /** {@code + urn:...:hireDate (DateTime)}, one line per addition. */
    public List<String> describe() {
        return missing.stream().map(a -> "+ " + a.name() + " (" + a.type() + (a.multivalued() ? ", multivalued" : "")
                + ") from " + a.where()).toList();
    }
}
