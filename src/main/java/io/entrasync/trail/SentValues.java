package io.entrasync.trail;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A SCIM user as sent, flattened to {@code attribute → value} for the trail: {@code name.givenName},
 * {@code emails[work].value}, extension attributes by their own name ({@code department}, {@code manager.value}).
 * Attributes that hold a secret or a hash (password, token, secret, hash, pin) are never kept, so the trail and
 * {@code trace} cannot print them.
 */
final class SentValues {

    private static final Pattern SECRET = Pattern.compile("password|secret|token|hash|pin\\b|pincode|credential",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_VALUE = 500;

    private SentValues() {
    }

    static Map<String, String> of(JsonNode user) {
        Map<String, String> values = new TreeMap<>();
        flatten("", user, values);
        return values;
    }

    static boolean secret(String attribute) {
        return SECRET.matcher(attribute).find();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> values) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (("schemas".equals(name) && prefix.isEmpty()) || secret(name)) {
                    continue;
                }
                // an extension namespace (urn:...:User) adds nothing a person needs: its attributes keep their name
                String key = name.toLowerCase(Locale.ROOT).startsWith("urn:") ? prefix : prefix + name + ".";
                flatten(key, field.getValue(), values);
            }
        } else if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                JsonNode element = node.get(index);
                String label = element.hasNonNull("type") ? element.get("type").asText() : Integer.toString(index);
                flatten(stripDot(prefix) + "[" + label + "].", element, values);
            }
        } else if (!node.isNull() && !prefix.isEmpty()) {
            String text = node.asText();
            values.put(stripDot(prefix), text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "…" : text);
        }
    }

    private static String stripDot(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
