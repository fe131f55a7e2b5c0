package io.entrasync.trail;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One person's trail as {@code trace} shows it (and {@code trace --json} writes it: the field names are documented in
 * docs/monitoring.md; keep them stable).
 *
 * @param source the source
 * @param externalId the person
 * @param found false when the trail holds nothing for the person ({@code note} says what that can mean)
 * @param now where the person stands
 * @param entries what happened, newest first
 * @param note for a person without a trail: what that can mean and what to check
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trace(String source, String externalId, boolean found, Standing now, List<Entry> entries,
        String note) {

    /**
     * @param at when
     * @param run the run id (the extract run or API read)
     * @param file the extract or API read
     * @param event what happened: "rejected", "new", "changed", "re-sent",
     *              "sent by a full run", "came due", "leaver", "carried unchanged", "run outcome"
     *              (the results line of the run), "service verdict" (reconciliation)
     * @param outcome the results.csv outcome label (or the delta's kind for a decision)
     * @param position line of the extract or record of the API read (0: not in it)
     * @param detail why: rule and column, call and batch, the service's errorCode and reason, what to fix
     * @param changes old → new of each attribute that changed (for {@code new}: every attribute sent)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Instant at, String run, String file, String event, String outcome, Long position,
            String detail, List<Change> changes) {
    }

    /** One attribute's change; {@code before} is null for a new attribute, {@code after} null for a removed one. */
    public record Change(String attribute, String before, String after) {
    }

    /**
     * @param values the attribute values last sent (secrets and hashes are never kept)
     * @param lastVerdict the service's last outcome and detail from the provisioning logs, null when none yet
     * @param open what is still open (waiting for the logs, held by the guard, deferred by the quota), null if nothing
     * @param lastRun the newest run that carried the person
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Standing(Map<String, String> values, String lastVerdict, String open, String lastRun) {
    }
}
