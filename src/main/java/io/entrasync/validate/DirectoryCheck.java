package io.entrasync.validate;

import java.util.Locale;

/**
 * Whether a value a run is about to give a person for the first time is already held in the directory by another
 * account (a cloud-only user, an account another tool made): {@code sync.sources.<name>.unique.directory-check}. Off
 * by default ({@link #OFF}); {@link GraphDirectoryCheck} asks Microsoft Graph. Checks are bounded: past the budget
 * a value is {@link Answer#UNCHECKED}, never passed as checked.
 */
public interface DirectoryCheck {

    /** What the directory said of one value. */
    enum Answer {
        /** No account holds it, or only this person's own (employeeId = externalId). */
        FREE,
        /** Another account holds it: the person gets the next candidate. */
        HELD,
        /** Not looked up (the check is off, the attribute cannot be looked up, or the budget is spent). */
        UNCHECKED
    }

    /** No lookups at all. */
    DirectoryCheck OFF = (attribute, value, externalId) -> Answer.UNCHECKED;

    /**
     * Looks {@code value} of {@code attribute} up for the person {@code externalId}.
     *
     * @throws ExtractException when the lookup fails (no permission, the service unavailable): the run must not
     *         go on as though the value had been checked
     */
    Answer check(String attribute, String value, String externalId);

    /** Lookups a run may make (0: none; a check that makes none keeps no candidate text). */
    default int budget() {
        return 0;
    }

    /** The Graph user property holding a unique attribute, or null when the check cannot look it up. */
    static String graphProperty(String attribute) {
        String name = attribute.toLowerCase(Locale.ROOT);
        if (name.equals("username")) {
            return "userPrincipalName";
        }
        return name.startsWith("emails") ? "mail" : null;
    }
}
