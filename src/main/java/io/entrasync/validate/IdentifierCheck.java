package io.entrasync.validate;

import java.util.ArrayList;
import java.util.List;

import io.entrasync.mapping.FieldError;
import io.entrasync.mapping.MappingResult;
import io.entrasync.mapping.RejectionReason;

/**
 * externalId and userName are identifiers: the service matches users on them and people read them in reports. A
 * control character (NUL, ESC, a line break, ...) in either is an export error, never a name, so such a record is
 * rejected instead of being sent or written raw into the reports.
 */
final class IdentifierCheck {

    private IdentifierCheck() {
    }

    /** The mapping's errors plus one per identifier with a control character. */
    static List<FieldError> check(MappingResult result, List<FieldError> errors) {
        List<FieldError> checked = errors;
        checked = add(checked, "externalId", result.externalId());
        if (result.user() != null && result.user().data().path("userName").isTextual()) {
            checked = add(checked, "userName", result.user().data().path("userName").asText());
        }
        return checked;
    }

    private static List<FieldError> add(List<FieldError> errors, String field, String value) {
        int at = firstControl(value);
        if (at < 0) {
            return errors;
        }
        List<FieldError> more = new ArrayList<>(errors);
        more.add(new FieldError(field, RejectionReason.CONTROL_CHARACTER, String.format("%s contains the control "
                + "character U+%04X at position %d; fix it in the HR data (often a stray NUL or line break from an "
                + "export)", field, (int) value.charAt(at), at + 1)));
        return more;
    }

    /** The index of the first control character (C0, DEL, C1), or -1. */
    static int firstControl(String value) {
        if (value == null) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
