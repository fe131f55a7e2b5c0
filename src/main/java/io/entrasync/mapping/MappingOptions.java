package io.entrasync.mapping;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A mapping file's {@code options} section: how empty values are sent and the longest value, each problem added to the
 * loader's list.
 *
 * @param emptyAsNull {@code options.emptyValues: null}: empty attributes are sent as null (to clear them)
 * @param maxValueLength {@code options.maxValueLength}
 */
record MappingOptions(boolean emptyAsNull, int maxValueLength) {

    private static final Set<String> OPTIONS = Set.of("emptyValues", "maxValueLength", "preHire");

    /** Compiles the start-date rule of {@code options.preHire} as the loader compiles any attribute's value. */
    interface DateRuleCompiler {
        Optional<Mapping.FieldRule> compile(String where, JsonNode value);
    }

    /**
     * {@code options.preHire: {startDate: <column or =expression giving an ISO date>, sendDaysAhead: <days>}}, or
     * null when the mapping has none.
     */
    static PreHire readPreHire(JsonNode options, List<String> problems, DateRuleCompiler compiler) {
        JsonNode node = options == null || !options.isObject() ? null : options.get("preHire");
        if (node == null) {
            return null;
        }
        String where = PreHire.WHERE;
        if (!node.isObject() || !node.has("startDate") || !node.has("sendDaysAhead")) {
            problems.add(where + ": give startDate (the start date as an ISO date, e.g. =date(row.StartDate, "
                    + "\"dd.MM.yyyy\")) and sendDaysAhead (days before the start date the record is first sent)");
            return null;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!key.equals("startDate") && !key.equals("sendDaysAhead")) {
                problems.add(where + "." + key + ": unknown key (keys: startDate, sendDaysAhead)");
            }
        });
        JsonNode days = node.get("sendDaysAhead");
        if (!days.isIntegralNumber() || !days.canConvertToInt() || days.asInt() < 0) {
            problems.add(where + ".sendDaysAhead: '" + days.asText() + "' must be a whole number of days, 0 or more");
            return null;
        }
        return compiler.compile(where + ".startDate", node.get("startDate"))
                .map(rule -> new PreHire(rule, days.asInt())).orElse(null);
    }

    static MappingOptions read(JsonNode options, List<String> problems) {
        checkOptionNames(options, problems);
        return new MappingOptions(readEmptyAsNull(options, problems), readMaxValueLength(options, problems));
    }

    private static void checkOptionNames(JsonNode options, List<String> problems) {
        if (options == null) {
            return;
        }
        if (!options.isObject()) {
            problems.add("options: must be a mapping of option: value");
            return;
        }
        for (String key : (Iterable<String>) options::fieldNames) {
            if (!OPTIONS.contains(key)) {
                problems.add("options." + key + ": unknown option" + Hints.didYouMean(key, OPTIONS));
            }
        }
    }

    /** {@code options.emptyValues}: true when empty attributes are sent as null (to clear them). */
    private static boolean readEmptyAsNull(JsonNode options, List<String> problems) {
        if (options == null || !options.isObject()) {
            return false;
        }
        JsonNode empty = options.get("emptyValues");
        if (empty == null || empty.isNull()) {
            return empty != null;
        }
        String value = empty.asText();
        if (!value.equals("omit") && !value.equals("null")) {
            problems.add("options.emptyValues: '" + value + "' must be omit (leave empty attributes out) or null "
                    + "(send them as null to clear them in Entra ID)");
        }
        return value.equals("null");
    }

    private static int readMaxValueLength(JsonNode options, List<String> problems) {
        JsonNode value = options == null || !options.isObject() ? null : options.get("maxValueLength");
        if (value == null || value.isNull()) {
            return Mapping.DEFAULT_MAX_VALUE_LENGTH;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            problems.add("options.maxValueLength: '" + value.asText() + "' must be a whole number of characters, "
                    + "at least 1 (default " + Mapping.DEFAULT_MAX_VALUE_LENGTH + ")");
            return Mapping.DEFAULT_MAX_VALUE_LENGTH;
        }
        return value.asInt();
    }
}
