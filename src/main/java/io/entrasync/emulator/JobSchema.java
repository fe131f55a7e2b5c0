package io.entrasync.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One job's synchronizationSchema ({@code GET/PUT .../jobs/{jobId}/schema}), and the rule the service applies with
 * it: an attribute of an upload flows only if the API source directory's User object defines it and an attribute
 * mapping of the API→Entra rule uses it; anything else is silently ignored (Entra docs, "Extend API-driven
 * provisioning to sync custom attributes").
 *
 * <p>The default schema ({@code api2aad-schema.json}) is assembled from Microsoft's published shapes, since no
 * complete API2AAD schema is published: the schema, directory, attribute-definition and attribute-mapping objects as
 * in the Graph tutorial "Configure synchronization with custom target attributes" (microsoft-graph-docs-contrib);
 * the Entra directory named "Azure Active Directory" as in the "Get synchronizationSchema" example; the source
 * directory named "API" (the portal's "Edit attribute list for API"); source attribute names as Microsoft's
 * entra-provisioning-client resolves them ({@code name.givenName}, {@code emails[type eq "work"].value},
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}). The Entra directory comes first,
 * so a client that takes {@code directories[0]} (as CSV2SCIM's {@code -UpdateSchema} does) picks the wrong one.
 */
final class JobSchema {
    static final String API_DIRECTORY = "API";
    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String DEFAULT_RESOURCE = "api2aad-schema.json";

    private final ObjectMapper mapper;
    private ObjectNode schema;
    private Set<String> flowing;

    JobSchema(ObjectMapper mapper) {
        this.mapper = mapper;
        reset();
    }

    synchronized void reset() {
        try (InputStream in = JobSchema.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The emulator's default schema " + DEFAULT_RESOURCE
                        + " is not packaged");
            }
            replace((ObjectNode) mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized ObjectNode get() {
        return schema.deepCopy();
    }

    /** PUT: the whole schema is replaced (Graph: "include the entire schema, including the unmodified parts"). */
    synchronized void replace(ObjectNode next) {
        if (!next.path("directories").isArray() || !next.path("synchronizationRules").isArray()) {
            throw EmulatorException.badRequest("A synchronizationSchema needs 'directories' and 'synchronizationRules'"
                    + " arrays; PUT replaces the whole schema, so send everything GET returned.");
        }
        ObjectNode copy = next.deepCopy();
        copy.remove("@odata.context");
        Set<String> defined = definedSourceAttributes(copy);
        Set<String> mapped = new HashSet<>();
        for (JsonNode rule : copy.path("synchronizationRules")) {
            if (API_DIRECTORY.equals(rule.path("sourceDirectoryName").asText())) {
                for (JsonNode objectMapping : rule.path("objectMappings")) {
                    if (objectMapping.path("enabled").asBoolean(true)) {
                        objectMapping.path("attributeMappings").forEach(m -> collectAttributes(m.path("source"),
                                mapped));
                    }
                }
            }
        }
        defined.retainAll(mapped);
        this.schema = copy;
        this.flowing = defined;
    }

    /** Whether an attribute named as the API directory names it ({@code <urn>:<attribute>} ...) reaches Entra. */
    synchronized boolean flows(String sourceAttribute) {
        return flowing.contains(sourceAttribute);
    }

    /**
     * Removes from {@code incoming} what the service would ignore: custom-namespace and enterprise attributes and
     * single-valued core attributes (also {@code name.*}) that do not flow. Multi-valued core attributes are kept.
     *
     * @return the names dropped
     */
    List<String> dropIgnored(ObjectNode incoming) {
        List<String> dropped = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = incoming.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("urn:") && value instanceof ObjectNode namespace) {
                for (Iterator<String> names = namespace.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!flows(key + ":" + name)) {
                        dropped.add(key + ":" + name);
                        names.remove();
                    }
                }
                if (namespace.isEmpty()) {
                    it.remove();
                }
            } else if (key.equals("name") && value instanceof ObjectNode name) {
                for (Iterator<String> subs = name.fieldNames(); subs.hasNext(); ) {
                    String sub = subs.next();
                    if (!flows("name." + sub)) {
                        dropped.add("name." + sub);
                        subs.remove();
                    }
                }
            } else if (!value.isContainerNode() && !flows(key)) {
                dropped.add(key);
                it.remove();
            }
        }
        return dropped;
    }

    private static Set<String> definedSourceAttributes(ObjectNode schema) {
        Set<String> names = new HashSet<>();
        for (JsonNode directory : schema.path("directories")) {
            if (API_DIRECTORY.equals(directory.path("name").asText())) {
                for (JsonNode object : directory.path("objects")) {
                    if ("User".equalsIgnoreCase(object.path("name").asText())) {
                        object.path("attributes").forEach(a -> names.add(a.path("name").asText()));
                    }
                }
            }
        }
        return names;
    }

    /** Attribute names a mapping's source expression reads: {@code Attribute} nodes, also inside functions. */
    private static void collectAttributes(JsonNode source, Set<String> into) {
        if ("Attribute".equalsIgnoreCase(source.path("type").asText())) {
            into.add(source.path("name").asText());
        }
        for (JsonNode parameter : source.path("parameters")) {
            collectAttributes(parameter.path("value"), into);
        }
    }
}
