package io.entrasync.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a mapping's {@code unique:} section (format in {@code docs/mapping.md}):
 * <pre>{@code
 * unique:
 *   userName:
 *     then:
 *       - =lower(row.First + "." + row.Middle.substring(0, 1) + "." + row.Last) + "@contoso.com"
 *     counter: before @
 * }</pre>
 * Each key names a text attribute the mapping already maps; problems are added to the loader's list.
 */
final class UniqueRulesReader {

    private static final Set<String> KEYS = Set.of("then", "counter");

    /** Compiles one candidate like any attribute value, with the attribute's path and type. */
    @FunctionalInterface
    interface CandidateCompiler {
        Optional<Mapping.FieldRule> compile(Mapping.FieldRule attribute, String where, JsonNode value);
    }

    private final List<String> problems;
    private final CandidateCompiler compiler;

    UniqueRulesReader(List<String> problems, CandidateCompiler compiler) {
        this.problems = problems;
        this.compiler = compiler;
    }

    List<UniqueRule> read(JsonNode section, List<Mapping.Rule> rules) {
        if (section == null) {
            return List.of();
        }
        if (!section.isObject()) {
            problems.add("unique: must map attribute names (userName, emails[0].value, ...) to their candidates");
            return List.of();
        }
        Map<String, Mapping.FieldRule> fields = new LinkedHashMap<>();
        for (Mapping.Rule rule : rules) {
            if (rule instanceof Mapping.FieldRule field) {
                fields.put(field.field(), field);
            } else {
                ((Mapping.MultiValuedRule) rule).entries().forEach(entry -> entry.forEach(f -> fields.put(f.field(),
                        f)));
            }
        }
        List<UniqueRule> unique = new ArrayList<>();
        for (var it = section.fields(); it.hasNext(); ) {
            var entry = it.next();
            readOne(entry.getKey(), entry.getValue(), fields).ifPresent(unique::add);
        }
        return unique;
    }

    private Optional<UniqueRule> readOne(String attribute, JsonNode node, Map<String, Mapping.FieldRule> fields) {
        String where = "unique." + attribute;
        Mapping.FieldRule base = fields.get(attribute);
        if (base == null) {
            problems.add(where + ": the mapping does not map '" + attribute + "'" + Hints.didYouMean(attribute,
                    fields.keySet()) + "; map it under user, enterprise or extensions first");
            return Optional.empty();
        }
        if (base.type() != ValueType.STRING && base.type() != ValueType.EMAIL) {
            problems.add(where + ": only text attributes can be unique; " + attribute + " is a "
                    + base.type().yamlName());
            return Optional.empty();
        }
        if (node == null || node.isNull() || !node.isObject()) {
            problems.add(where + ": give then: (a list of further candidates) and/or counter: (before @ | end)");
            return Optional.empty();
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                problems.add(where + "." + key + ": unknown key" + Hints.didYouMean(key, KEYS) + " (keys: then, "
                        + "counter)");
            }
        });
        List<Mapping.FieldRule> then = readThen(where, base, node.get("then"));
        UniqueRule.Counter counter = readCounter(where, node.get("counter"));
        if (!node.has("then") && !node.has("counter")) {
            problems.add(where + ": give then: (further candidates) or counter: (before @ | end); with neither, "
                    + "a namesake could only be rejected");
        }
        if (usesTime(base) || then.stream().anyMatch(UniqueRulesReader::usesTime)) {
            problems.add(where + ": a unique value cannot read today or now (it is kept once given)");
        }
        return Optional.of(new UniqueRule(attribute, where, base, then, counter));
    }

    private List<Mapping.FieldRule> readThen(String where, Mapping.FieldRule base, JsonNode then) {
        List<Mapping.FieldRule> rules = new ArrayList<>();
        if (then == null || then.isNull()) {
            return rules;
        }
        List<JsonNode> items = new ArrayList<>();
        if (then.isArray()) {
            then.forEach(items::add);
        } else {
            items.add(then);
        }
        for (int i = 0; i < items.size(); i++) {
            compiler.compile(base, where + ".then[" + i + "]", items.get(i)).ifPresent(rules::add);
        }
        return rules;
    }

    private UniqueRule.Counter readCounter(String where, JsonNode counter) {
        if (counter == null || counter.isNull()) {
            return UniqueRule.Counter.NONE;
        }
        for (UniqueRule.Counter value : UniqueRule.Counter.values()) {
            if (value.yamlName().equals(counter.asText().strip())) {
                return value;
            }
        }
        problems.add(where + ".counter: '" + counter.asText() + "' must be 'before @' (anna.schmidt2@contoso.de), "
                + "'end' (aschmidt2) or 'none'");
        return UniqueRule.Counter.NONE;
    }

    private static boolean usesTime(Mapping.FieldRule rule) {
        return rule.source() instanceof ValueSource.Expression expression && expression.compiled().usesTime();
    }
}
