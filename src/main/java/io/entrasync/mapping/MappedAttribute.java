package io.entrasync.mapping;

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
}
