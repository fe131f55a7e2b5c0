package io.entrasync.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The SCIM User attributes a mapping may set (what the provisioning service's default schema knows). */
final class ScimAttributes {

    private ScimAttributes() {
    }

    /** Single-valued simple attributes of the core User schema (besides {@code active}, which is boolean). */
    static final List<String> CORE_SIMPLE = List.of("externalId", "userName", "displayName", "nickName",
            "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "active");

    /** Complex single-valued attributes and their sub-attributes. */
    static final Map<String, List<String>> CORE_COMPLEX = Map.of("name", List.of("formatted", "familyName",
            "givenName", "middleName", "honorificPrefix", "honorificSuffix"));

    /** Multi-valued attributes and their sub-attributes ({@code type}, {@code primary} included). */
    static final Map<String, List<String>> CORE_MULTI = Map.of(
            "emails", List.of("value", "type", "primary", "display"),
            "phoneNumbers", List.of("value", "type", "primary", "display"),
            "addresses", List.of("type", "primary", "formatted", "streetAddress", "locality", "region",
                    "postalCode", "country"));

    static final List<String> ENTERPRISE_SIMPLE = List.of("employeeNumber", "costCenter", "organization",
            "division", "department");

    /** The enterprise {@code manager} is complex; only its {@code value} (the manager's externalId) is sent. */
    static final String MANAGER = "manager";

    static final Set<String> MULTI_LITERALS = Set.of("type", "primary");

    static List<String> allCore() {
        List<String> all = new ArrayList<>(CORE_SIMPLE);
        all.addAll(CORE_COMPLEX.keySet());
        all.addAll(CORE_MULTI.keySet());
        return all;
    }

    static List<String> allEnterprise() {
        List<String> all = new ArrayList<>(ENTERPRISE_SIMPLE);
        all.add(MANAGER);
        return all;
    }
}
