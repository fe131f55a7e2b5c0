package io.entrasync.schema;

import java.util.List;

/**
 * Whether one attribute the mapping sends reaches Entra ID.
 *
 * @param attribute the attribute as the schema names it (or where the mapping defines it, when it cannot be named)
 * @param where where the mapping defines it
 * @param verdict flows, not in the schema, not mapped, or not checkable
 * @param uses the attribute mappings that read it (target and flow type)
 * @param fix what to do when it is dropped, empty otherwise
 */
public record AttributeCheck(String attribute, String where, Verdict verdict, List<ApiSourceSchema.Use> uses,
        String fix) {

    public enum Verdict {
        /** In the API source directory and read by an attribute mapping. */
        FLOWS("flows"),
        /** The API source directory does not define it: the service ignores it. */
        NOT_IN_SCHEMA("dropped: not in the app's schema"),
        /** Defined, but no attribute mapping reads it: the service ignores it. */
        NOT_MAPPED("dropped: no attribute mapping uses it"),
        /** A multi-valued entry whose type is computed per record: its schema name is not known in advance. */
        NOT_CHECKED("not checked: its entry type is computed");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public AttributeCheck {
        uses = List.copyOf(uses);
    }

    public boolean dropped() {
        return verdict == Verdict.NOT_IN_SCHEMA || verdict == Verdict.NOT_MAPPED;
    }

    /** {@code urn:...:hireDate  dropped: no attribute mapping uses it. Fix: ...}, one line. */
    public String describe() {
        StringBuilder line = new StringBuilder(attribute).append(": ").append(verdict.label());
        if (verdict == Verdict.FLOWS) {
            line.append(" → ").append(String.join(", ", uses.stream().map(ApiSourceSchema.Use::toString).toList()));
        }
        if (!fix.isEmpty()) {
            line.append(". Fix: ").append(fix);
        }
        return line.toString();
    }
}
