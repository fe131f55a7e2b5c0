package io.entrasync.mapping;

import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.NullValue;

import io.entrasync.mapping.Mapping.FieldRule;

/** How a value a rule produced becomes the attribute's JSON value of its type, or the reason it cannot. */
final class ValueConversion {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private ValueConversion() {
    }

    /** The JSON value of a raw value, {@code null} when empty. */
    static JsonNode convert(FieldRule rule, Object raw) throws MappingExpressions.EvaluationFailure {
        if (raw == null || raw instanceof dev.cel.common.values.NullValue
                || raw instanceof NullValue) {
            return null;
        }
        switch (rule.type()) {
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    return BooleanNode.valueOf(b);
                }
                String text = text(rule, raw);
                if (text.isBlank()) {
                    return null;
                }
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return BooleanNode.valueOf(text.equalsIgnoreCase("true"));
                }
                throw new MappingExpressions.EvaluationFailure(RejectionReason.INVALID_BOOLEAN, "'" + text + "' ("
                        + describe(rule) + ") is not true or false; map it with an expression such as "
                        + "=row.Status == \"Active\" or with a lookup table");
            }
            case INTEGER -> {
                if (raw instanceof Long || raw instanceof Integer) {
                    return LongNode.valueOf(((Number) raw).longValue());
                }
                String text = text(rule, raw);
                if (text.isBlank()) {
                    return null;
                }
                try {
                    return LongNode.valueOf(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw new MappingExpressions.EvaluationFailure(RejectionReason.INVALID_NUMBER, "'" + text + "' ("
                            + describe(rule) + ") is not a whole number");
                }
            }
            case DATE_TIME -> {
                String text = text(rule, raw);
                if (text.isBlank()) {
                    return null;
                }
                if (rule.format() != null) {
                    try {
                        return TextNode.valueOf(TextFunctions.toIsoDateTime(text, rule.format(),
                                ZoneOffset.UTC));
                    } catch (TextFunctions.DateConversionException e) {
                        throw new MappingExpressions.EvaluationFailure(RejectionReason.INVALID_DATE,
                                e.getMessage() + " (" + describe(rule) + ")");
                    }
                }
                String problem = TextFunctions.checkIsoDateTime(text);
                if (problem != null) {
                    throw new MappingExpressions.EvaluationFailure(RejectionReason.INVALID_DATE,
                            problem + " (" + describe(rule) + ")");
                }
                return TextNode.valueOf(text);
            }
            case EMAIL -> {
                String text = text(rule, raw);
                if (text.isBlank()) {
                    return null;
                }
                if (!EMAIL.matcher(text).matches()) {
                    throw new MappingExpressions.EvaluationFailure(RejectionReason.INVALID_EMAIL, "'" + text + "' ("
                            + describe(rule) + ") is not an email address (name@domain.tld)");
                }
                return TextNode.valueOf(text);
            }
            default -> {
                String text = text(rule, raw);
                return text.isBlank() ? null : TextNode.valueOf(text);
            }
        }
    }

    private static String text(FieldRule rule, Object raw) throws MappingExpressions.EvaluationFailure {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Boolean || raw instanceof Long || raw instanceof Integer) {
            return raw.toString();
        }
        if (raw instanceof Double d) {
            return d == Math.rint(d) && !d.isInfinite() ? Long.toString(d.longValue()) : d.toString();
        }
        if (raw instanceof UnsignedLong u) {
            return u.toString();
        }
        String kind = raw instanceof Collection<?> ? "a list" : raw instanceof Map<?, ?> ? "a map"
                : "a " + raw.getClass().getSimpleName();
        throw new MappingExpressions.EvaluationFailure(RejectionReason.INVALID_VALUE, describe(rule) + " gave " + kind
                + ", but " + rule.field() + " takes a single value");
    }

    static String describe(FieldRule rule) {
        if (rule.source() instanceof ValueSource.Column column) {
            return "column " + column.column();
        }
        if (rule.source() instanceof ValueSource.Expression expression) {
            return "expression " + expression.compiled().source();
        }
        return "constant";
    }
}
