package io.entrasync.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a mapping makes the values Entra ID keeps unique: for each such property the mapping entry that makes it and
 * its line ({@code userPrincipalName → "user.userName at personal-de.yaml:12"}), with the {@code unique:} entry that
 * chooses among candidates when there is one. A service conflict on that property is the mapping owner's to fix, and
 * the report says where. The properties follow the default attribute mappings of API-driven inbound provisioning
 * (userName → userPrincipalName, emails[type eq "work"].value → mail); mailNickname only when the mapping sends an
 * attribute of that name.
 */
final class RuleOrigins {

    private RuleOrigins() {
    }

    static Map<String, String> of(String mappingFile, List<Mapping.Rule> rules, List<UniqueRule> unique,
            MappingLines lines) {
        String file = baseName(mappingFile);
        Map<String, String> origins = new LinkedHashMap<>();
        for (Mapping.FieldRule field : fields(rules)) {
            String property = entraProperty(field.field());
            if (property != null && !origins.containsKey(property)) {
                String origin = at(field.where(), file, lines);
                for (UniqueRule rule : unique) {
                    if (rule.attribute().equals(field.field())) {
                        origin += ", " + at(rule.where(), file, lines);
                    }
                }
                origins.put(property, origin);
            }
        }
        return origins;
    }

    /** The unique Entra ID property a mapped attribute becomes, or null. */
    private static String entraProperty(String field) {
        if (field.equals("userName")) {
            return "userPrincipalName";
        }
        if (field.startsWith("emails[") && field.endsWith("].value")) {
            return "mail";
        }
        if (field.equals("mailNickname") || field.endsWith(":mailNickname")) {
            return "mailNickname";
        }
        return null;
    }

    private static List<Mapping.FieldRule> fields(List<Mapping.Rule> rules) {
        return rules.stream().flatMap(rule -> rule instanceof Mapping.FieldRule field ? Stream.of(field)
                : ((Mapping.MultiValuedRule) rule).entries().stream().flatMap(List::stream)).toList();
    }

    /** {@code user.userName at file.yaml:12}; an entry given as a single object instead of a list has no index. */
    private static String at(String where, String file, MappingLines lines) {
        int line = lines.lineOf(where);
        if (line == 0) {
            line = lines.lineOf(where.replaceAll("\\[\\d+]", ""));
        }
        return where + (line > 0 ? " at " + file + ":" + line : " in " + file);
    }

    private static String baseName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
