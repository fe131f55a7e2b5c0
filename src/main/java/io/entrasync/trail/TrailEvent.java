package io.entrasync.trail;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a trail segment or shard (JSON Lines, gzip). The field names are stored and documented
 * (docs/monitoring.md): keep them stable.
 *
 * @param type {@code run} (one per extract run or API read: which file, complete or changes only, its status),
 *             {@code decided} (what the delta step decided for a record it sends, with the values sent),
 *             {@code result} (the record's outcome in the run's results.csv) or {@code verdict} (the outcome
 *             reconciliation wrote from the provisioning logs, or a re-send)
 * @param at when the event was recorded
 * @param source the source's name
 * @param run the run id
 * @param file the extract's or API read's file name ({@code run} events)
 * @param complete the extract or read carried every person of the source ({@code run} events)
 * @param status the run's status at the end of this attempt ({@code run} events)
 * @param id the person's externalId (every event but {@code run})
 * @param position line of the extract or record number of the API read (0: not in the extract, a leaver)
 * @param outcome the results.csv outcome label ({@code result}, {@code verdict}) or the delta kind ({@code decided})
 * @param detail why, for people: the rule and column, the call and batch, the service's reason
 * @param values the attributes sent, flattened, without secrets ({@code decided} events of creates and updates)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrailEvent(String type, Instant at, String source, String run, String file, Boolean complete,
        String status, String id, Long position, String outcome, String detail, Map<String, String> values) {

    public static final String RUN = "run";
    public static final String DECIDED = "decided";
    public static final String RESULT = "result";
    public static final String VERDICT = "verdict";

    static TrailEvent run(Instant at, String source, String run, String file, boolean complete, String status) {
        return new TrailEvent(RUN, at, source, run, file, complete, status, null, null, null, null, null);
    }

    static TrailEvent person(String type, Instant at, String run, String id, long position, String outcome,
            String detail) {
        return new TrailEvent(type, at, null, run, null, null, null, id, position, outcome, detail, null);
    }

    TrailEvent withValues(Map<String, String> sent) {
        return new TrailEvent(type, at, source, run, file, complete, status, id, position, outcome, detail, sent);
    }
}
