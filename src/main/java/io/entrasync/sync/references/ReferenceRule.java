package io.entrasync.sync.references;

/**
 * One field that names another record of the same source by a key other than the one the mapping uses: SCIM's
 * {@code manager.value} holds the manager's resource {@code id} (RFC 7643 §4.3), Oracle HCM names a manager's
 * assignment by its {@code AssignmentNumber}, ADP a supervisor by {@code associateOID}. Before the mapping sees the
 * record, the value is replaced by the referenced record's id field (the key the mapping sends as externalId).
 *
 * @param field the flattened field holding the reference ({@code urn:…:enterprise:2.0:User.manager.value})
 * @param keyField the flattened field of the referenced record that the reference names ({@code id})
 */
public record ReferenceRule(String field, String keyField) {

    /**
     * Parses {@code field=keyField} (the last {@code =} separates them: SCIM URNs hold {@code :} and dots, never
     * {@code =}).
     *
     * @param key the configuration key, for the message
     * @throws IllegalArgumentException naming the key when the text is not {@code field=keyField}
     */
    public static ReferenceRule parse(String text, String key) {
        String trimmed = text.strip();
        int at = trimmed.lastIndexOf('=');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new IllegalArgumentException(key + ": '" + trimmed + "' is not <field>=<key-field>; write e.g. "
                    + "'manager.value=id' (the field that holds the reference, then the field of the referenced "
                    + "record it names), or 'none'");
        }
        return new ReferenceRule(trimmed.substring(0, at).strip(), trimmed.substring(at + 1).strip());
    }

    @Override
    public String toString() {
        return field + "=" + keyField;
    }
}
