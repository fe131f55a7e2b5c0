package io.entrasync.mapping;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A mapping's {@code unique:} entry for one attribute: the values a person may get, in the order they are tried.
 * Candidate 0 is the attribute's own rule ({@code user.userName}); candidates 1.. are the entry's {@code then} list;
 * after them, when {@code counter} is set, candidate 0 with a number 2, 3, … inserted ({@link Counter}). Which
 * candidate a person gets is decided by {@code io.entrasync.validate.UniqueValues}, against the extract and the values
 * the source already gave out. Immutable.
 *
 * @param attribute the attribute as the mapping names it ({@code userName}, {@code emails[0].value}, or
 *        {@code <urn>:<attribute>} for a custom one)
 * @param where where the entry is in the mapping file, for messages ({@code unique.userName})
 * @param base the attribute's own rule
 * @param then the further candidates, in order
 * @param counter how a number is added once every candidate is taken
 */
public record UniqueRule(String attribute, String where, Mapping.FieldRule base, List<Mapping.FieldRule> then,
        Counter counter) {

    /** Where the number goes in candidate 0 once every listed candidate is taken. */
    public enum Counter {
        /** No number: a person whose candidates are all taken is rejected ({@code no unique value}). */
        NONE("none"),
        /** Before the last {@code @}: {@code anna.schmidt2@contoso.de}; at the end when there is no {@code @}. */
        BEFORE_AT("before @"),
        /** At the end: {@code aschmidt2}. */
        END("end");

        private final String yaml;

        Counter(String yaml) {
            this.yaml = yaml;
        }

        public String yamlName() {
            return yaml;
        }
    }

    /** The first number the counter gives (the plain value counts as the first). */
    public static final int FIRST_NUMBER = 2;

    public UniqueRule {
        then = List.copyOf(then);
    }

    /** Candidates without a number: the attribute's own rule and the {@code then} list. */
    public int listedCandidates() {
        return 1 + then.size();
    }

    /** Every column the candidates read. */
    public Set<String> columns() {
        Set<String> columns = new LinkedHashSet<>(base.source().columns());
        then.forEach(rule -> columns.addAll(rule.source().columns()));
        return columns;
    }

    /**
     * Candidate 0 split where the counter's number goes: {@code [before, after]}, or {@code null} without a counter.
     */
    public String[] counterParts(String first) {
        return switch (counter) {
            case NONE -> null;
            case END -> new String[] {first, ""};
            case BEFORE_AT -> {
                int at = first.lastIndexOf('@');
                yield at < 0 ? new String[] {first, ""} : new String[] {first.substring(0, at), first.substring(at)};
            }
        };
    }

    /** Candidate 0 with the counter's number {@code n}. */
    public String numbered(String first, int n) {
        String[] parts = counterParts(first);
        return parts[0] + n + parts[1];
    }

    /** Candidate 0 as the mapping already wrote it into a user's JSON, or null (multi-valued: not looked up). */
    public String mappedValue(ObjectNode data) {
        if (base.field().indexOf('[') >= 0) {
            return null;
        }
        JsonNode node = data;
        for (String step : base.path()) {
            node = node.path(step);
        }
        return node.isTextual() ? node.textValue() : null;
    }

    /**
     * Writes {@code value} into a user's JSON where the attribute goes, in place of candidate 0 ({@code first}); in a
     * multi-valued attribute, into the entry that holds {@code first}.
     */
    public void put(ObjectNode data, String first, String value) {
        int bracket = base.field().indexOf('[');
        if (bracket < 0) {
            Mapping.put(data, base.path(), TextNode.valueOf(value));
            return;
        }
        String sub = base.path()[0];
        for (JsonNode entry : data.path(base.field().substring(0, bracket))) {
            if (entry instanceof ObjectNode item && first.equals(item.path(sub).asText(null))) {
                item.put(sub, value);
                return;
            }
        }
    }
}
