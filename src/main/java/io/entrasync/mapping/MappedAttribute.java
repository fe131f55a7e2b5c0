package io.entrasync.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One attribute a mapping can send, described by where it lands in the SCIM user (for the schema check, which names
 * it the way the provisioning app's schema does).
 *
 * @param where where the mapping file defines it ({@code extensions.urn:...:User.hireDate})
 * @param namespace the schema URN it is keyed by in {@code data}; empty for core attributes
 * @param path the path inside the namespace (core: {@code [name, givenName]}; enterprise: {@code [manager, value]})
 * @param multiValued for an entry of {@code emails}, {@code phoneNumbers} or {@code addresses}: that attribute
 * @param entryType the entry's {@code type} when the mapping gives it as a constant ({@code work})
 * @param type the value's type
 */
public record MappedAttribute(String where, Optional<String> namespace, List<String> path, Optional<String> multiValued,
        Optional<String> entryType, ValueType type) {

    public MappedAttribute {
        path = List.copyOf(path);
    }

    /** The attributes {@code rules} send, in their order; a multi-valued rule gives one per entry and attribute. */
    static List<MappedAttribute> of(List<Mapping.Rule> rules) {
        List<MappedAttribute> out = new ArrayList<>();
        for (Mapping.Rule rule : rules) {
            if (rule instanceof Mapping.FieldRule field) {
                boolean namespaced = field.path()[0].startsWith("urn:");
                List<String> path = List.of(field.path()).subList(namespaced ? 1 : 0, field.path().length);
                out.add(new MappedAttribute(field.where(), namespaced ? Optional.of(field.path()[0])
                        : Optional.empty(), path, Optional.empty(), Optional.empty(),
                        field.type()));
            } else {
                Mapping.MultiValuedRule multi = (Mapping.MultiValuedRule) rule;
                for (List<Mapping.FieldRule> entry : multi.entries()) {
                    Optional<String> entryType = entry.stream()
                            .filter(f -> f.path()[0].equals("type") && f.source() instanceof ValueSource.Constant)
                            .map(f -> String.valueOf(((ValueSource.Constant) f.source()).constant())).findFirst();
                    for (Mapping.FieldRule field : entry) {
                        if (!ScimAttributes.MULTI_LITERALS.contains(field.path()[0])) {
                            out.add(new MappedAttribute(field.where(), Optional.empty(),
                                    List.of(field.path()), Optional.of(multi.attribute()), entryType,
                                    field.type()));
                        }
                    }
                }
            }
        }
        return out;
    }
}
