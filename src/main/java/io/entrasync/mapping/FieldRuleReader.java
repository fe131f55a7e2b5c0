package io.entrasync.mapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.CelKind;

/**
 * Reads one attribute's value rule from the mapping file — a column name, an {@code =expression}, a constant, or the
 * object form {@code {column|expr|const, default, lookup, as, format}} — and checks that an expression's type fits
 * the attribute. Problems go to the loader's list, so a file's problems are all reported at once.
 */
final class FieldRuleReader {

    private static final Set<String> SPEC_KEYS = Set.of("column", "expr", "const", "default", "lookup", "as",
            "format");

    private final List<String> problems;
    private final Map<String, Map<String, String>> lookups;
    private final MappingExpressions expressions;

    FieldRuleReader(List<String> problems, Map<String, Map<String, String>> lookups, MappingExpressions expressions) {
        this.problems = problems;
        this.lookups = lookups;
        this.expressions = expressions;
    }

    static boolean isSpec(JsonNode node) {
        return node.isObject() && (node.has("column") || node.has("expr") || node.has("const"));
    }

    /**
     * Reads one attribute's value: {@code Column}, {@code =expression}, a YAML boolean/number constant, or
     * {@code {column|expr|const, default, lookup, as, format}}.
     */
    Optional<Mapping.FieldRule> read(String field, String where, String[] path, JsonNode node,
            ValueType type, boolean customAttribute, RejectionReason missing) {
        if (node == null || node.isNull()) {
            problems.add(where + ": has no value; give a column name, =expression or {const: value}");
            return Optional.empty();
        }
        if (node.isTextual()) {
            ValueType plainType = type;
            return textual(node.asText(), where).map(source -> checked(new Mapping.FieldRule(field, where, path,
                    source, plainType, null, missing)));
        }
        if (node.isBoolean() || node.isNumber()) {
            Object constant = node.isBoolean() ? (Object) node.booleanValue()
                    : node.isIntegralNumber() ? (Object) node.longValue() : node.asText();
            return Optional.of(new Mapping.FieldRule(field, where, path, new ValueSource.Constant(constant), type,
                    null, missing));
        }
        if (!node.isObject() || !isSpec(node)) {
            problems.add(where + ": give a column name, =expression, or an object with one of column, expr, const");
            return Optional.empty();
        }
        for (String key : MappingLoader.names(node)) {
            if (!SPEC_KEYS.contains(key)) {
                problems.add(where + "." + key + ": unknown key" + Hints.didYouMean(key, SPEC_KEYS)
                        + " (keys: column, expr, const, default, lookup, as, format)");
            }
        }
        int sources = (node.has("column") ? 1 : 0) + (node.has("expr") ? 1 : 0) + (node.has("const") ? 1 : 0);
        if (sources != 1) {
            problems.add(where + ": give exactly one of column, expr, const");
            return Optional.empty();
        }
        String defaultValue = node.has("default") ? node.get("default").asText() : null;
        if (node.has("as")) {
            Optional<ValueType> declared = ValueType.fromYaml(node.get("as").asText());
            if (!customAttribute) {
                problems.add(where + ".as: only custom attributes take a type; " + field + " is " + type.yamlName());
            } else if (declared.isEmpty()) {
                problems.add(where + ".as: '" + node.get("as").asText() + "' is not a type (" + ValueType.yamlNames()
                        + ")");
            } else {
                type = declared.get();
            }
        }
        String format = null;
        if (node.has("format")) {
            format = node.get("format").asText();
            if (type != ValueType.DATE_TIME) {
                problems.add(where + ".format: a date format needs as: dateTime");
            }
            String problem = TextFunctions.checkPattern(format);
            if (problem != null) {
                problems.add(where + ".format: " + problem);
            }
        }
        ValueSource source = specSource(node, where, defaultValue);
        if (source == null) {
            return Optional.empty();
        }
        return Optional.of(checked(new Mapping.FieldRule(field, where, path, source, type, format, missing)));
    }

    /** The value source of the object form ({@code column}, {@code expr} or {@code const}); null after a problem. */
    private ValueSource specSource(JsonNode node, String where, String defaultValue) {
        if (node.has("column")) {
            String column = node.get("column").asText().strip();
            if (column.isEmpty()) {
                problems.add(where + ".column: is empty");
                return null;
            }
            Map<String, String> table = null;
            String tableName = null;
            if (node.has("lookup")) {
                tableName = node.get("lookup").asText();
                table = lookups.get(tableName);
                if (table == null) {
                    problems.add(where + ".lookup: table '" + tableName + "' is not defined under lookups"
                            + Hints.didYouMean(tableName, lookups.keySet()));
                    return null;
                }
            }
            return new ValueSource.Column(column, table, tableName, defaultValue);
        } else if (node.has("expr")) {
            if (node.has("lookup")) {
                problems.add(where + ".lookup: use lookup(\"table\", ...) inside the expression");
            }
            String text = node.get("expr").asText().strip();
            Optional<MappingExpressions.Compiled> compiled = expressions.compile(text.startsWith("=")
                    ? text.substring(1).strip() : text, where, problems);
            if (compiled.isEmpty()) {
                return null;
            }
            return new ValueSource.Expression(compiled.get(), defaultValue);
        } else {
            JsonNode constant = node.get("const");
            return new ValueSource.Constant(constant.isBoolean() ? (Object) constant.booleanValue()
                    : constant.isIntegralNumber() ? (Object) constant.longValue() : constant.asText());
        }
    }

    private Optional<ValueSource> textual(String text, String where) {
        String value = text.strip();
        if (value.startsWith("=")) {
            return expressions.compile(value.substring(1).strip(), where, problems)
                    .map(compiled -> new ValueSource.Expression(compiled, null));
        }
        if (value.isEmpty()) {
            problems.add(where + ": is empty; give a column name or =expression");
            return Optional.empty();
        }
        return Optional.of(new ValueSource.Column(value, null, null, null));
    }

    /** Rejects expressions whose static type cannot become the attribute's type. */
    private Mapping.FieldRule checked(Mapping.FieldRule rule) {
        if (rule.source() instanceof ValueSource.Expression expression) {
            CelKind kind = expression.compiled().resultType().kind();
            boolean fits = switch (kind) {
                case DYN, ANY, STRING, NULL_TYPE -> true;
                case BOOL -> rule.type() == ValueType.BOOLEAN || rule.type() == ValueType.STRING;
                case INT, UINT -> rule.type() == ValueType.INTEGER || rule.type() == ValueType.STRING;
                case DOUBLE -> rule.type() == ValueType.STRING;
                default -> false;
            };
            if (!fits) {
                problems.add(rule.where() + ": the expression returns " + expression.compiled().resultType().name()
                        + ", but " + rule.field() + " takes a " + rule.type().yamlName()
                        + (kind == CelKind.LIST ? " (join a list with .join(\" \"))" : ""));
            }
        }
        return rule;
    }
}
