package io.entrasync.mapping;

import java.util.Map;
import java.util.Set;

import io.entrasync.source.SourceRecord;

/** Where one attribute's value comes from: a column, a CEL expression or a constant. */
sealed interface ValueSource {

    /** The raw value for a record: a {@code String}, {@code Boolean}, {@code Long}, ... or {@code null}. */
    Object value(SourceRecord record) throws MappingExpressions.EvaluationFailure;

    /** The columns this value reads, to check them against the extract's header. */
    Set<String> columns();

    /**
     * A column, optionally translated through a lookup table and defaulted when empty. A plain column never goes
     * through CEL: that is about 10 times cheaper per value.
     */
    record Column(String column, Map<String, String> lookup, String lookupName, String defaultValue)
            implements ValueSource {
        @Override
        public Object value(SourceRecord record) throws MappingExpressions.EvaluationFailure {
            String value = record.get(column);
            if ((value == null || value.isEmpty()) && defaultValue != null) {
                value = defaultValue;
            }
            if (lookup != null && value != null && !value.isEmpty()) {
                String translated = lookup.get(value);
                if (translated == null) {
                    throw new MappingExpressions.EvaluationFailure(RejectionReason.NO_LOOKUP_ENTRY, "'" + value
                            + "' (column " + column + ") is not in lookup table '" + lookupName + "'; add it under "
                            + "lookups." + lookupName);
                }
                return translated;
            }
            return value;
        }

        @Override
        public Set<String> columns() {
            return Set.of(column);
        }
    }

    /** A compiled CEL expression; {@code defaultValue} replaces an empty result. */
    record Expression(MappingExpressions.Compiled compiled, String defaultValue) implements ValueSource {
        @Override
        public Object value(SourceRecord record) throws MappingExpressions.EvaluationFailure {
            Object value = MappingExpressions.evaluate(compiled, record.values());
            if (defaultValue != null && (value == null || "".equals(value))) {
                return defaultValue;
            }
            return value;
        }

        @Override
        public Set<String> columns() {
            return compiled.columns();
        }
    }

    /** The same value for every record ({@code type: work}, {@code const: Contoso}). */
    record Constant(Object constant) implements ValueSource {
        @Override
        public Object value(SourceRecord record) {
            return constant;
        }

        @Override
        public Set<String> columns() {
            return Set.of();
        }
    }
}
