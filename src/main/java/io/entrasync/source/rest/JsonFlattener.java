package io.entrasync.source.rest;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns one JSON record into column → text, the shape every source hands on: nested objects become dotted names
 * ({@code address.city}), array elements their index ({@code emails.0.value}). JSON {@code null} and empty
 * containers produce no column, so "absent" has one meaning; numbers and booleans keep their JSON text.
 */
final class JsonFlattener {

    private JsonFlattener() {
    }

    public static Map<String, String> flatten(JsonNode record) {
        Map<String, String> values = new LinkedHashMap<>();
        flattenInto(record, "", values);
        return values;
    }

    static void flattenInto(JsonNode node, String prefix, Map<String, String> values) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flattenInto(field.getValue(), join(prefix, field.getKey()), values);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flattenInto(node.get(i), join(prefix, Integer.toString(i)), values);
            }
        } else {
            values.put(prefix, node.asText());
        }
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** The node at a dotted location ({@code d.results}, {@code _meta.links.next.href}); empty path is the node. */
    public static JsonNode at(JsonNode node, String dottedPath) {
        if (dottedPath.isEmpty()) {
            return node;
        }
        JsonNode current = node;
        for (String segment : dottedPath.split("\\.", -1)) {
            if (current == null) {
                return null;
            }
            current = current.isArray() && segment.chars().allMatch(Character::isDigit)
                    ? current.get(Integer.parseInt(segment))
                    : current.get(segment);
        }
        return current;
    }

    /** What a node is, for messages about a broken entry: "nothing", "null", "an array", "a string". */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
