package io.entrasync.mapping;

/** Why a record is not uploaded. Every rejected record carries at least one, with the field and the details. */
public enum RejectionReason {
    /** The row itself cannot be read: wrong number of fields, broken quoting, bytes not valid in the charset. */
    MALFORMED_ROW("malformed row"),
    MISSING_EXTERNAL_ID("missing externalId"),
    /** Several records share one externalId: all of them are rejected, each naming the others' lines. */
    DUPLICATE_EXTERNAL_ID("duplicate externalId"),
    MISSING_USER_NAME("missing userName"),
    /** {@code active} came out empty: sending a user without it can disable the account. */
    MISSING_ACTIVE("missing active"),
    INVALID_BOOLEAN("not a boolean"),
    INVALID_EMAIL("not an email address"),
    /** Not a date the service accepts (ISO 8601 with a time part), or not in the declared input format. */
    INVALID_DATE("invalid date"),
    INVALID_NUMBER("not a number"),
    /** A value of the wrong shape, e.g. an expression that returned a list for a single-valued attribute. */
    INVALID_VALUE("invalid value"),
    /** A lookup table has no entry for the record's value. */
    NO_LOOKUP_ENTRY("no lookup entry"),
    /** externalId or userName contains a control character (NUL, ESC, a line break). */
    CONTROL_CHARACTER("control character"),
    /** A value is longer than the attribute can hold, or an expression went past its evaluation budget. */
    TOO_LONG("value too long"),
    /** An expression failed while evaluating this record (e.g. a column missing from an API record). */
    EXPRESSION_FAILED("expression failed"),
    /**
     * Every candidate of a unique attribute ({@code unique:} in the mapping) is taken and the rule has no counter:
     * the mapping's rule, not the HR data, needs another candidate.
     */
    NOT_UNIQUE("no unique value");

    private final String label;

    RejectionReason(String label) {
        this.label = label;
    }

    /** Short text for summaries and reports, e.g. {@code "duplicate externalId"}. */
    public String label() {
        return label;
    }
}
