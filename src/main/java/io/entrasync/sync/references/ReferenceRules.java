package io.entrasync.sync.references;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The references of one source ({@code sync.sources.<name>.api.references}, or its preset's) and the field they are
 * translated to: the source's id field.
 *
 * @param rules the fields that hold references; empty when the source has none
 * @param idField the field every record carries and the mapping sends as externalId ({@code api.id-field})
 */
public record ReferenceRules(List<ReferenceRule> rules, String idField) {

    public static final ReferenceRules NONE = new ReferenceRules(List.of(), "");

    public ReferenceRules {
        rules = List.copyOf(rules);
    }

    /**
     * The rules a source's settings give.
     *
     * @param configured {@code api.references}: empty for the preset's, {@code none} for no translation
     * @param presetDefaults the preset's references ({@code ApiPresets.defaultReferences})
     * @param idField the source's {@code api.id-field}
     * @throws IllegalArgumentException naming the key when a rule is not {@code field=keyField}, or references are
     *         asked for without an id field to translate them to
     */
    public static ReferenceRules of(String source, Optional<List<String>> configured, List<String> presetDefaults,
            Optional<String> idField) {
        String key = "sync.sources." + source + ".api.references";
        List<String> texts = configured.orElse(presetDefaults);
        if (texts.isEmpty() || (texts.size() == 1 && texts.get(0).strip().equalsIgnoreCase("none"))) {
            return NONE;
        }
        List<ReferenceRule> rules = texts.stream().filter(t -> !t.isBlank()).map(t -> ReferenceRule.parse(t, key))
                .toList();
        String id = idField.filter(f -> !f.isBlank()).orElseThrow(() -> new IllegalArgumentException(key
                + " needs sync.sources." + source + ".api.id-field: a reference is translated to the id field of the "
                + "record it names. Set id-field, or set references=none."));
        return new ReferenceRules(rules, id);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The fields of a referenced record that references name, each indexed once. */
    public Set<String> keyFields() {
        Set<String> keys = new LinkedHashSet<>();
        rules.forEach(rule -> keys.add(rule.keyField()));
        return keys;
    }
}
