package io.entrasync.mapping;

import java.util.Locale;
import java.util.Optional;

/** The JSON type an attribute gets, and the check its value must pass. Custom attributes choose with {@code as:}. */
public enum ValueType {
    /** Text (numbers and booleans from expressions are written as text). */
    STRING("string"),
    /** A JSON boolean; accepts a CEL bool or the text {@code true}/{@code false} (any case). */
    BOOLEAN("boolean"),
    /** A JSON integer. */
    INTEGER("integer"),
    /** ISO 8601 with a time part and offset, {@code 2021-05-01T00:00:00Z}; converts with {@code format:}. */
    DATE_TIME("dateTime"),
    /** Text shaped like an email address ({@code local@domain.tld}). */
    EMAIL("email");

    private final String yamlName;

    ValueType(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used for {@code as:} in a mapping file. */
    public String yamlName() {
        return yamlName;
    }

    static Optional<ValueType> fromYaml(String name) {
        for (ValueType type : values()) {
            if (type.yamlName.equalsIgnoreCase(name.strip()) || type.name().equalsIgnoreCase(name.strip())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    static String yamlNames() {
        StringBuilder names = new StringBuilder();
        for (ValueType type : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(type.yamlName);
        }
        return names.toString().toLowerCase(Locale.ROOT).replace("datetime", "dateTime");
    }
}
