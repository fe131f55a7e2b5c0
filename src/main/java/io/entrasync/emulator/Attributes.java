package io.entrasync.emulator;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How the emulator applies an incoming SCIM user to the stored one: attributes present in the payload replace the
 * stored values (objects merge field by field, an explicit null clears), attributes absent stay as they were.
 * {@code schemas}, {@code externalId}, {@code active} and the enterprise {@code manager} are handled separately.
 */
final class Attributes {
    static final Set<String> NOT_ATTRIBUTES = Set.of("schemas", "externalId", "active");

    record Change(String name, String oldValue, String newValue) {
    }

    private Attributes() {
    }

    /** The storable attributes of an incoming user, without the fields handled separately. */
    static ObjectNode incoming(ObjectMapper mapper, ObjectNode data) {
        ObjectNode copy = mapper.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!NOT_ATTRIBUTES.contains(f.getKey())) {
                copy.set(f.getKey(), f.getValue().deepCopy());
            }
        }
        JsonNode enterprise = copy.get(BulkRequestParser.ENTERPRISE_USER);
        if (enterprise instanceof ObjectNode o) {
            o.remove("manager");
            if (o.isEmpty()) {
                copy.remove(BulkRequestParser.ENTERPRISE_USER);
            }
        }
        return copy;
    }

    /** {@code stored} with {@code incoming} applied; neither argument is modified. */
    static ObjectNode merge(ObjectNode stored, ObjectNode incoming) {
        ObjectNode result = stored.deepCopy();
        mergeInto(result, incoming);
        return result;
    }

    private static void mergeInto(ObjectNode target, ObjectNode incoming) {
        for (Iterator<Map.Entry<String, JsonNode>> it = incoming.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode value = f.getValue();
            JsonNode existing = target.get(f.getKey());
            if (value.isNull()) {
                target.remove(f.getKey());
            } else if (value.isObject() && existing instanceof ObjectNode existingObject) {
                mergeInto(existingObject, (ObjectNode) value);
            } else {
                target.set(f.getKey(), value.deepCopy());
            }
        }
    }

    /**
     * Leaf-level differences, named by path ({@code name.givenName}, {@code emails[0].value}, {@code
     * <urn>:department}).
     */
    static List<Change> diff(ObjectNode before, ObjectNode after) {
        Map<String, String> a = flatten(before);
        Map<String, String> b = flatten(after);
        Set<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        return names.stream()
                .filter(n -> !Objects.equals(a.get(n), b.get(n)))
                .map(n -> new Change(n, a.get(n), b.get(n)))
                .toList();
    }

    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String prefix = f.getKey().startsWith("urn:") ? f.getKey() + ":" : f.getKey();
            if (f.getKey().startsWith("urn:") && f.getValue().isObject()) {
                f.getValue().fields().forEachRemaining(g -> flatten(prefix + g.getKey(), g.getValue(), out));
            } else {
                flatten(f.getKey(), f.getValue(), out);
            }
        }
        return out;
    }

    private static void flatten(String path, JsonNode v, Map<String, String> out) {
        if (v.isObject()) {
            v.fields().forEachRemaining(f -> flatten(path + "." + f.getKey(), f.getValue(), out));
        } else if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                flatten(path + "[" + i + "]", v.get(i), out);
            }
        } else if (!v.isNull()) {
            out.put(path, v.isTextual() ? v.textValue() : v.toString());
        }
    }
}
