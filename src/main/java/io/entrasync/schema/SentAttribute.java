package io.entrasync.schema;

import java.util.List;
import java.util.Optional;

import io.entrasync.mapping.MappedAttribute;
import io.entrasync.mapping.Mapping;
import io.entrasync.mapping.ValueType;
import io.entrasync.scim.ScimSchemas;

/**
 * An attribute the mapping sends, named as the provisioning app's API source directory names it: core attributes
 * by path ({@code userName}, {@code name.givenName}, {@code emails[type eq "work"].value}), extension attributes as
 * {@code <namespace URN>:<attribute>} (Microsoft's entra-provisioning-client resolves them the same way).
 *
 * @param name the schema name, empty when it cannot be named (a multi-valued entry whose type is computed)
 * @param where where the mapping defines it
 * @param namespace the custom namespace, empty for core and enterprise attributes
 * @param type the value type, as the schema's attributeDefinition.type spells it (String, Boolean, Integer, DateTime)
 */
public record SentAttribute(Optional<String> name, String where, Optional<String> namespace, String type) {

    /** Attributes with a custom namespace are the ones {@code schema push} may add. */
    public boolean custom() {
        return namespace.isPresent();
    }

    public String label() {
        return name.orElse(where);
    }

    /** Every attribute {@code mapping} sends. */
    public static List<SentAttribute> of(Mapping mapping) {
        return mapping.attributes().stream().map(SentAttribute::of).toList();
    }

    static SentAttribute of(MappedAttribute attribute) {
        String type = schemaType(attribute.type());
        if (attribute.namespace().isPresent()) {
            String ns = attribute.namespace().get();
            boolean custom = !ns.equals(ScimSchemas.ENTERPRISE_USER) && !ns.equals(ScimSchemas.CORE_USER);
            return new SentAttribute(Optional.of(ns + ":" + attribute.path().get(0)), attribute.where(),
                    custom ? Optional.of(ns) : Optional.empty(), type);
        }
        if (attribute.multiValued().isPresent()) {
            Optional<String> name = attribute.entryType().map(t -> attribute.multiValued().get() + "[type eq \"" + t
                    + "\"]." + String.join(".", attribute.path()));
            return new SentAttribute(name, attribute.where(), Optional.empty(), type);
        }
        return new SentAttribute(Optional.of(String.join(".", attribute.path())), attribute.where(), Optional.empty(),
                type);
    }

    /** attributeDefinition.type for a mapping value type (an email is a String). */
    static String schemaType(ValueType type) {
        return switch (type) {
            case BOOLEAN -> "Boolean";
            case INTEGER -> "Integer";
            case DATE_TIME -> "DateTime";
            default -> "String";
        };
    }
}
