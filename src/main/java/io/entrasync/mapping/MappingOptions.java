package io.entrasync.mapping;

import java.util.List;
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

    private static final Set<String> OPTIONS = Set.of("emptyValues", "maxValueLength");

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
