package io.entrasync.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.entrasync.scim.ScimSchemas;

/**
 * Reads a mapping file (YAML, format in {@code docs/mapping.md}) and compiles it. Every problem is collected and
 * reported at once in a {@link MappingException}: YAML syntax (with line and column), unknown sections and SCIM
 * attributes (with a "did you mean" hint), a missing {@code externalId}, {@code active} or {@code userName},
 * expressions that do not compile or return the wrong type, unknown lookup tables and date patterns.
 * <pre>{@code
 * Mapping mapping = MappingLoader.load(Path.of("samples/mappings/microsoft-sample.yaml"));
 * }</pre>
 */
public final class MappingLoader {

    private static final Set<String> TOP_LEVEL = Set.of("version", "description", "options", "lookups", "user",
            "enterprise", "extensions", "unique");

    /** The mapping file's name, for messages. */
    private final String fileName;
    private final List<String> problems = new ArrayList<>();
    private FieldRuleReader fields;

    private MappingLoader(String source) {
        this.fileName = source;
    }

    /**
     * Loads and compiles a mapping file.
     *
     * @throws MappingException listing every problem of the file
     */
    public static Mapping load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(file.toString(), "cannot read the file: " + e, e);
        }
        return parse(yaml, file.toString());
    }

    /**
     * Compiles a mapping given as YAML text.
     *
     * @param sourceName how to name it in messages
     * @throws MappingException listing every problem
     */
    public static Mapping parse(String yaml, String sourceName) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JacksonException e) {
            throw new MappingException(sourceName, "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""), e);
        }
        return new MappingLoader(sourceName).compile(root, MappingLines.of(yaml));
    }

    private Mapping compile(JsonNode root, MappingLines lines) {
        if (root == null || !root.isObject()) {
            throw new MappingException(fileName, List.of("the file must be a YAML mapping with at least a 'user' "
                    + "section (see docs/mapping.md)"));
        }
        for (String key : names(root)) {
            if (!TOP_LEVEL.contains(key)) {
                problems.add("unknown section '" + key + "'" + Hints.didYouMean(key, TOP_LEVEL)
                        + " (sections: user, enterprise, extensions, unique, lookups, options)");
            }
        }
        MappingOptions options = MappingOptions.read(root.get("options"), problems);
        Map<String, Map<String, String>> lookups = readLookups(root.get("lookups"));
        List<String> warnings = new ArrayList<>();
        fields = new FieldRuleReader(problems, lookups, new MappingExpressions(lookups, warnings));

        List<Mapping.Rule> rules = new ArrayList<>();
        Map<String, Mapping.FieldRule> required = new LinkedHashMap<>();
        JsonNode user = root.get("user");
        if (user == null || !user.isObject()) {
            problems.add("the 'user' section is missing: it must map at least externalId, userName and active");
        } else {
            readUser(user, rules, required);
        }
        requirePresent(required, "externalId", "the HR id that anchors the user in Entra ID");
        requirePresent(required, "userName", "SCIM requires it; usually the future UPN");
        requirePresent(required, "active", "without it the service can disable accounts; map it from the "
                + "employment status, e.g. active: =row.WorkerStatus == \"Active\"");
        readEnterprise(root.get("enterprise"), rules);
        List<String> namespaces = readExtensions(root.get("extensions"), rules);
        List<UniqueRule> unique = new UniqueRulesReader(problems, (attribute, where, value) -> fields.read(
                attribute.field(), where, attribute.path(), value, attribute.type(), false, null))
                .read(root.get("unique"), rules);
        PreHire preHire = MappingOptions.readPreHire(root.get("options"), problems, (where, value) -> fields.read(
                "preHire.startDate", where, new String[] {"preHire"}, value, ValueType.STRING, false, null));
        if (!problems.isEmpty()) {
            throw new MappingException(fileName, problems);
        }
        rules.sort((a, b) -> Integer.compare(order(a), order(b)));
        return new Mapping(fileName, rules, required.get("externalId"), namespaces, options.emptyAsNull(),
                options.maxValueLength(), warnings).withFileParts(unique, lines, preHire);
    }

    /** externalId, active and userName first, so previews read well; the rest keep the file's order. */
    private static int order(Mapping.Rule rule) {
        if (rule instanceof Mapping.FieldRule field && field.path().length == 1) {
            return switch (field.path()[0]) {
                case "externalId" -> 0;
                case "active" -> 1;
                case "userName" -> 2;
                default -> 3;
            };
        }
        return 3;
    }

    private void requirePresent(Map<String, Mapping.FieldRule> required, String attribute, String why) {
        if (!required.containsKey(attribute) && problems.stream().noneMatch(p -> p.startsWith("user." + attribute))) {
            problems.add("user." + attribute + " is required (" + why + ")");
        }
    }

    private Map<String, Map<String, String>> readLookups(JsonNode node) {
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add("lookups: must map table names to tables of value: result");
            return Map.of();
        }
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        for (String name : names(node)) {
            JsonNode table = node.get(name);
            if (!table.isObject()) {
                problems.add("lookups." + name + ": must be a table of source value: result");
                continue;
            }
            Map<String, String> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                    problems.add("lookups." + name + "." + entry.getKey() + ": the result must be a text, number "
                            + "or boolean");
                    continue;
                }
                entries.put(entry.getKey(), entry.getValue().asText());
            }
            tables.put(name, Map.copyOf(entries));
        }
        return tables;
    }

    private void readUser(JsonNode user, List<Mapping.Rule> rules, Map<String, Mapping.FieldRule> required) {
        for (String key : names(user)) {
            JsonNode value = user.get(key);
            String where = "user." + key;
            int dot = key.indexOf('.');
            if (dot > 0 && ScimAttributes.CORE_COMPLEX.containsKey(key.substring(0, dot))) {
                readComplexSub(key.substring(0, dot), key.substring(dot + 1), value, rules);
            } else if (ScimAttributes.CORE_SIMPLE.contains(key)) {
                ValueType type = key.equals("active") ? ValueType.BOOLEAN : ValueType.STRING;
                RejectionReason missing = switch (key) {
                    case "externalId" -> RejectionReason.MISSING_EXTERNAL_ID;
                    case "userName" -> RejectionReason.MISSING_USER_NAME;
                    case "active" -> RejectionReason.MISSING_ACTIVE;
                    default -> null;
                };
                Optional<Mapping.FieldRule> rule = fields.read(key, where, new String[] {key}, value, type, false,
                        missing);
                rule.ifPresent(r -> {
                    rules.add(r);
                    if (missing != null) {
                        required.put(key, r);
                    }
                });
            } else if (ScimAttributes.CORE_COMPLEX.containsKey(key)) {
                if (!value.isObject() || FieldRuleReader.isSpec(value)) {
                    problems.add(where + ": " + key + " is complex; give its sub-attributes ("
                            + String.join(", ", ScimAttributes.CORE_COMPLEX.get(key)) + ")");
                    continue;
                }
                for (String sub : names(value)) {
                    readComplexSub(key, sub, value.get(sub), rules);
                }
            } else if (ScimAttributes.CORE_MULTI.containsKey(key)) {
                readMultiValued(key, value, rules);
            } else if (key.equals("schemas")) {
                problems.add(where + ": leave schemas out; it is written for each user from the namespaces it uses");
            } else if (ScimAttributes.allEnterprise().contains(key)) {
                problems.add(where + ": " + key + " belongs to the enterprise extension; move it under 'enterprise'");
            } else if (key.startsWith("urn:")) {
                problems.add(where + ": custom namespaces go under 'extensions'");
            } else {
                problems.add(where + ": unknown SCIM User attribute '" + key + "'"
                        + Hints.didYouMean(key, ScimAttributes.allCore()));
            }
        }
    }

    private void readComplexSub(String attribute, String sub, JsonNode value, List<Mapping.Rule> rules) {
        String field = attribute + "." + sub;
        if (!ScimAttributes.CORE_COMPLEX.get(attribute).contains(sub)) {
            problems.add("user." + field + ": unknown sub-attribute of " + attribute
                    + Hints.didYouMean(sub, ScimAttributes.CORE_COMPLEX.get(attribute)));
            return;
        }
        fields.read(field, "user." + field, new String[] {attribute, sub}, value, ValueType.STRING, false, null)
                .ifPresent(rules::add);
    }

    private void readMultiValued(String attribute, JsonNode value, List<Mapping.Rule> rules) {
        List<JsonNode> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(items::add);
        } else if (value.isObject() && !FieldRuleReader.isSpec(value)) {
            items.add(value);
        } else {
            problems.add("user." + attribute + ": is multi-valued; give a list of entries, e.g. "
                    + "- {type: work, value: <column>}");
            return;
        }
        List<String> subs = ScimAttributes.CORE_MULTI.get(attribute);
        List<List<Mapping.FieldRule>> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String entryWhere = "user." + attribute + "[" + i + "]";
            if (!item.isObject() || FieldRuleReader.isSpec(item)) {
                problems.add(entryWhere + ": each entry maps sub-attributes (" + String.join(", ", subs) + ")");
                continue;
            }
            List<Mapping.FieldRule> entry = new ArrayList<>();
            for (String sub : names(item)) {
                String where = entryWhere + "." + sub;
                String field = attribute + "[" + i + "]." + sub;
                JsonNode subValue = item.get(sub);
                if (!subs.contains(sub)) {
                    problems.add(where + ": unknown sub-attribute of " + attribute + Hints.didYouMean(sub, subs));
                } else if (sub.equals("type") && subValue.isTextual() && !subValue.asText().startsWith("=")) {
                    entry.add(new Mapping.FieldRule(field, where, new String[] {sub},
                            new ValueSource.Constant(subValue.asText()), ValueType.STRING, null, null));
                } else if (sub.equals("primary")) {
                    if (!subValue.isBoolean()) {
                        problems.add(where + ": primary is true or false");
                    } else {
                        entry.add(new Mapping.FieldRule(field, where, new String[] {sub},
                                new ValueSource.Constant(subValue.booleanValue()), ValueType.BOOLEAN, null, null));
                    }
                } else {
                    ValueType type = attribute.equals("emails") && sub.equals("value") ? ValueType.EMAIL
                            : ValueType.STRING;
                    fields.read(field, where, new String[] {sub}, subValue, type, false, null).ifPresent(entry::add);
                }
            }
            entries.add(entry);
        }
        rules.add(new Mapping.MultiValuedRule(attribute, entries));
    }

    private void readEnterprise(JsonNode enterprise, List<Mapping.Rule> rules) {
        if (enterprise == null) {
            return;
        }
        if (!enterprise.isObject()) {
            problems.add("enterprise: must map enterprise attributes ("
                    + String.join(", ", ScimAttributes.allEnterprise()) + ")");
            return;
        }
        String ns = ScimSchemas.ENTERPRISE_USER;
        for (String key : names(enterprise)) {
            JsonNode value = enterprise.get(key);
            String where = "enterprise." + key;
            if (ScimAttributes.ENTERPRISE_SIMPLE.contains(key)) {
                fields.read(where, where, new String[] {ns, key}, value, ValueType.STRING, false, null)
                        .ifPresent(rules::add);
            } else if (key.equals("manager") || key.equals("manager.value")) {
                JsonNode managerValue = value;
                if (key.equals("manager") && value.isObject() && !FieldRuleReader.isSpec(value)) {
                    for (String sub : names(value)) {
                        if (!sub.equals("value")) {
                            problems.add(where + "." + sub + ": only manager.value (the manager's externalId) is "
                                    + "sent");
                        }
                    }
                    managerValue = value.get("value");
                    if (managerValue == null) {
                        continue;
                    }
                }
                fields.read("enterprise.manager.value", "enterprise.manager.value", new String[] {ns, "manager",
                        "value"}, managerValue, ValueType.STRING, false, null).ifPresent(rules::add);
            } else if (ScimAttributes.allCore().contains(key)) {
                problems.add(where + ": " + key + " is a core attribute; move it under 'user'");
            } else {
                problems.add(where + ": unknown enterprise attribute '" + key + "'"
                        + Hints.didYouMean(key, ScimAttributes.allEnterprise()));
            }
        }
    }

    private List<String> readExtensions(JsonNode extensions, List<Mapping.Rule> rules) {
        List<String> namespaces = new ArrayList<>();
        if (extensions == null) {
            return namespaces;
        }
        if (!extensions.isObject()) {
            problems.add("extensions: must map each custom namespace (urn:...) to its attributes");
            return namespaces;
        }
        for (String ns : names(extensions)) {
            String where = "extensions." + ns;
            if (!ns.startsWith("urn:")) {
                problems.add(where + ": a custom namespace is a URN such as "
                        + "urn:ietf:params:scim:schemas:extension:contoso:1.0:User");
                continue;
            }
            if (ns.equals(ScimSchemas.CORE_USER) || ns.equals(ScimSchemas.ENTERPRISE_USER)) {
                problems.add(where + ": map core attributes under 'user' and enterprise ones under 'enterprise'");
                continue;
            }
            JsonNode attributes = extensions.get(ns);
            if (!attributes.isObject() || attributes.isEmpty()) {
                problems.add(where + ": must map at least one attribute");
                continue;
            }
            namespaces.add(ns);
            for (String attribute : names(attributes)) {
                JsonNode value = attributes.get(attribute);
                String attributeWhere = where + "." + attribute;
                if ((value.isObject() && !FieldRuleReader.isSpec(value)) || value.isArray()) {
                    problems.add(attributeWhere + ": custom attributes are single values (the service does not "
                            + "support complex or multi-valued custom attributes)");
                    continue;
                }
                fields.read(ns + ":" + attribute, attributeWhere, new String[] {ns, attribute}, value,
                        ValueType.STRING, true, null).ifPresent(rules::add);
            }
        }
        return namespaces;
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
