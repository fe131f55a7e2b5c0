package io.entrasync.source.rest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A follow-up request per listed record whose body is merged into the record.
 *
 * @param pathTemplate path under the base URL with {@code {field}} placeholders filled from the listed record,
 *                     e.g. {@code /employees/{id}}
 * @param query        query parameters of the detail request, e.g. {@code fields=firstName,lastName}
 * @param recordPath   dotted location of the record in the detail body; empty for the body itself
 * @param skipField    with {@link #skipValue}: listed records whose field has this value get no detail request
 *                     and are handed on as listed (BambooHR: {@code action=Deleted}, whose details are gone)
 * @param requireSameId the detail answer must carry the {@link ApiSettings#idField()} with the listed record's
 *                     value; an answer whose id is missing, null or another one is a malformed record (the listed
 *                     id must not vouch for details that may belong to nobody or to someone else)
 * @param idField      the detail answer's dotted field carrying that id, when it is named otherwise than the
 *                     list's {@link ApiSettings#idField()} (UKG: {@code employeeID} listed, {@code employeeId} in
 *                     the details); empty for the same name
 */
public record DetailSettings(String pathTemplate, Map<String, String> query, String recordPath,
                             Optional<String> skipField, Optional<String> skipValue, boolean requireSameId,
                             Optional<String> idField) {
    public DetailSettings {
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        query = Map.copyOf(query == null ? Map.of() : query);
        recordPath = recordPath == null ? "" : recordPath;
        skipField = skipField == null ? Optional.empty() : skipField;
        skipValue = skipValue == null ? Optional.empty() : skipValue;
        idField = idField == null ? Optional.empty() : idField.filter(f -> !f.isBlank());
    }

    /** A detail request whose answer names the id as the list does. */
    public DetailSettings(String pathTemplate, Map<String, String> query, String recordPath, Optional<String> skipField,
                  Optional<String> skipValue, boolean requireSameId) {
        this(pathTemplate, query, recordPath, skipField, skipValue, requireSameId, Optional.empty());
    }
}
