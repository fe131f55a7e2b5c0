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
 */
public record UniqueSummary(String attribute, long kept, long assigned, long displaced, long unassigned,
        List<String> notes) {

    /** A few lines for people. */
    public String describe() {
        StringBuilder text = new StringBuilder("unique ").append(attribute).append(": ").append(kept)
                .append(" kept, ").append(assigned).append(" given now, ").append(displaced)
                .append(" of them not their first candidate (taken)");
        if (unassigned > 0) {
            text.append(", ").append(unassigned).append(" with every candidate taken (rejected)");
        }
        notes.forEach(note -> text.append(System.lineSeparator()).append("    ").append(note));
        if (displaced > notes.size()) {
            text.append(System.lineSeparator()).append("    ... and ").append(displaced - notes.size())
                    .append(" more");
        }
        return text.toString();
    }
}
