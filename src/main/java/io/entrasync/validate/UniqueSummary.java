package io.entrasync.validate;

import java.util.List;

/**
 * How one unique attribute was given out in an extract.
 *
 * @param attribute the attribute ({@code userName})
 * @param kept people who keep the value this source gave them before
 * @param assigned people who got a value in this extract
 * @param displaced of those, people whose first candidate was taken (a namesake's, or given before)
 * @param unassigned people with every candidate taken and no counter (rejected: {@code no unique value})
 * @param notes the first displaced people, one line each: who, which value was taken by whom, what they get
 * @param directory what the directory check found ({@code sync.sources.<name>.unique.directory-check})
 */
public record UniqueSummary(String attribute, long kept, long assigned, long displaced, long unassigned,
        List<String> notes, Directory directory) {

    /**
     * @param on whether the check was on
     * @param held values found held by another account in the directory (the person got the next candidate)
     * @param unchecked values given now without a lookup (past {@code unique.max-lookups}, or an attribute the
     *        check cannot look up)
     */
    public record Directory(boolean on, long held, long unchecked) {
    }

    /** A few lines for people. */
    public String describe() {
        StringBuilder text = new StringBuilder("unique ").append(attribute).append(": ").append(kept)
                .append(" kept, ").append(assigned).append(" given now, ").append(displaced)
                .append(" of them not their first candidate (taken)");
        if (unassigned > 0) {
            text.append(", ").append(unassigned).append(" with every candidate taken (rejected)");
        }
        if (directory.on()) {
            text.append("; directory check: ").append(directory.held()).append(" taken in the directory by another "
                    + "account");
            if (directory.unchecked() > 0) {
                text.append(", ").append(directory.unchecked()).append(" given unchecked (unique.max-lookups "
                        + "reached, or an attribute the check cannot look up)");
            }
        }
        notes.forEach(note -> text.append(System.lineSeparator()).append("    ").append(note));
        if (displaced > notes.size()) {
            text.append(System.lineSeparator()).append("    ... and ").append(displaced - notes.size())
                    .append(" more");
        }
        return text.toString();
    }
}
