package io.entrasync.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A job's synchronizationSchema seen from the API source: which directory is the API source, which attributes its
 * User object defines, and which attribute mappings read them. The directory is picked by what it is, never by
 * position (CSV2SCIM's {@code -UpdateSchema} takes {@code Directories[0]}, whatever that is): the source directory of
 * the schema's synchronization rules, or else the one directory that is not Entra ID / AD and defines SCIM attributes.
 */
public final class ApiSourceSchema {

    /** How a mapping uses a source attribute: its target and flow type. */
    public record Use(String targetAttribute, String flowType) {
        @Override
        public String toString() {
            return targetAttribute + (flowType.isEmpty() ? "" : " (" + flowType + ")");
        }
    }

    private static final Set<String> DIRECTORY_NAMES_OF_ENTRA = Set.of("azure active directory", "microsoft entra id",
            "active directory", "aad", "ad");
    private static final String SCIM_PREFIX = "urn:ietf:params:scim:schemas:";

    private final String directoryName;
    private final int directoryIndex;
    private final int userObjectIndex;
    private final Set<String> defined;
    private final Map<String, List<Use>> uses;

    private ApiSourceSchema(String directoryName, int directoryIndex, int userObjectIndex, Set<String> defined,
            Map<String, List<Use>> uses) {
        this.directoryName = directoryName;
        this.directoryIndex = directoryIndex;
        this.userObjectIndex = userObjectIndex;
        this.defined = defined;
        this.uses = uses;
    }

    /**
     * Reads a schema as {@code GET .../schema} returns it.
     *
     * @throws IllegalArgumentException when no single API source directory with a User object can be told apart
     */
    public static ApiSourceSchema of(JsonNode schema) {
        JsonNode directories = schema.path("directories");
        int index = apiDirectoryIndex(schema, directories);
        JsonNode directory = directories.get(index);
        String name = directory.path("name").asText();
        int userIndex = -1;
        JsonNode objects = directory.path("objects");
        for (int i = 0; i < objects.size(); i++) {
            if ("User".equalsIgnoreCase(objects.get(i).path("name").asText())) {
                userIndex = i;
            }
        }
        if (userIndex < 0) {
            throw new IllegalArgumentException("The API source directory '" + name + "' has no User object");
        }
        Set<String> defined = new LinkedHashSet<>();
        objects.get(userIndex).path("attributes").forEach(a -> defined.add(a.path("name").asText()));
        Map<String, List<Use>> uses = new LinkedHashMap<>();
        for (JsonNode rule : schema.path("synchronizationRules")) {
            if (!name.equals(rule.path("sourceDirectoryName").asText())) {
                continue;
            }
            for (JsonNode objectMapping : rule.path("objectMappings")) {
                if (!"User".equalsIgnoreCase(objectMapping.path("sourceObjectName").asText())
                        || !objectMapping.path("enabled").asBoolean(true)) {
                    continue;
                }
                for (JsonNode mapping : objectMapping.path("attributeMappings")) {
                    Use use = new Use(mapping.path("targetAttributeName").asText(),
                            mapping.path("flowType").asText(""));
                    Set<String> read = new LinkedHashSet<>();
                    collectAttributes(mapping.path("source"), read);
                    read.forEach(attribute -> uses.computeIfAbsent(attribute, a -> new ArrayList<>()).add(use));
                }
            }
        }
        return new ApiSourceSchema(name, index, userIndex, defined, uses);
    }

    public String directoryName() {
        return directoryName;
    }

    public boolean defines(String attribute) {
        return defined.contains(attribute);
    }

    /** The attribute mappings that read {@code attribute} (empty: the service ignores it). */
    public List<Use> uses(String attribute) {
        return uses.getOrDefault(attribute, List.of());
    }

    /** The API directory's User object inside {@code schema} (the same schema, or a copy of it). */
    ObjectNode userObject(ObjectNode schema) {
        return (ObjectNode) schema.path("directories").get(directoryIndex).path("objects").get(userObjectIndex);
    }

    private static int apiDirectoryIndex(JsonNode schema, JsonNode directories) {
        if (!directories.isArray() || directories.isEmpty()) {
            throw new IllegalArgumentException("The schema lists no directories");
        }
        Set<String> ruleSources = new LinkedHashSet<>();
        schema.path("synchronizationRules").forEach(r -> {
            String source = r.path("sourceDirectoryName").asText("");
            if (!source.isEmpty() && !DIRECTORY_NAMES_OF_ENTRA.contains(source.toLowerCase(Locale.ROOT))) {
                ruleSources.add(source);
            }
        });
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < directories.size(); i++) {
            if (ruleSources.contains(directories.get(i).path("name").asText())) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            for (int i = 0; i < directories.size(); i++) {
                JsonNode directory = directories.get(i);
                if (!DIRECTORY_NAMES_OF_ENTRA.contains(directory.path("name").asText().toLowerCase(Locale.ROOT))
                        && definesScimAttributes(directory)) {
                    candidates.add(i);
                }
            }
        }
        if (candidates.size() != 1) {
            List<String> names = new ArrayList<>();
            directories.forEach(d -> names.add(d.path("name").asText()));
            throw new IllegalArgumentException("Cannot tell which directory of " + names + " is the API source ("
                    + (candidates.isEmpty() ? "none" : candidates.size()) + " candidates); is this an API-driven"
                    + " provisioning job?");
        }
        return candidates.get(0);
    }

    private static boolean definesScimAttributes(JsonNode directory) {
        for (JsonNode object : directory.path("objects")) {
            for (JsonNode attribute : object.path("attributes")) {
                String name = attribute.path("name").asText();
                if (name.startsWith(SCIM_PREFIX) || name.equals("externalId")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The source attribute names an expression reads: {@code Attribute} nodes, also inside function parameters. */
    private static void collectAttributes(JsonNode source, Set<String> into) {
        if ("Attribute".equalsIgnoreCase(source.path("type").asText())) {
            into.add(source.path("name").asText());
        }
        for (JsonNode parameter : source.path("parameters")) {
            collectAttributes(parameter.path("value"), into);
        }
    }
}
