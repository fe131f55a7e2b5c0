package io.entrasync.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code <file>.report.json}: what one run of one extract did, for people and for tools. Counts add up: every
 * record read is in exactly one of {@code records}' outcome counts.
 *
 * @param runId the run
 * @param source the source
 * @param file the extract's name as dropped
 * @param status completed, deferred (quota; resumes later), running (interrupted; resumes on the next delivery) or
 *        failed
 * @param detail for people: why the run stopped where it did; empty when it completed
 * @param startedAt the first attempt's start
 * @param finishedAt when this report was written
 * @param attempts processing attempts of this extract
 * @param records totals by stage and outcome
 * @param rejectedByReason rejected records by rule
 * @param calls bulkUpload calls of this run
 * @param quota the daily quota after the run, when known
 * @param managerCycles manager loops found in the extract and how they were broken
 * @param rejected the first rejected records (all of them are in the results file)
 * @param results the name of the results file beside this report
 * @param plan what the run decided to send against the source's snapshot (delta, leavers, the mass-change guard);
 *        null when the run did not get as far as planning
 * @param schema the check of the mapping against the job's schema at the start of the run (the attributes the
 *        service will drop), or why it could not be done; null when the run was built without the check
 * @param unique how each unique attribute's values were given (UniqueSummary#describe: kept, given now, taken by
 *        whom, the directory check), one text per attribute; empty without unique rules (null in older reports)
 */
public record RunReport(String runId, String source, String file, String status, String detail, Instant startedAt,
        Instant finishedAt, int attempts, Records records, Map<String, Long> rejectedByReason, Calls calls,
        Quota quota, List<String> managerCycles, List<Rejected> rejected, String results, Plan plan,
        Schema schema, List<String> unique) {

    /** How many rejected records the report lists inline. */
    public static final int REJECTED_LISTED = 1000;

    /**
     * Record counts; {@code read = rejected + accepted + failed + deferred + unchanged}, plus the pre-hires held by the
     * mapping's {@code options.preHire} ({@code byOutcome["held (pre-hire)"]}, sent when they come due).
     */
    public record Records(long read, long valid, long rejected, long accepted, long failed, long deferred,
            long unchanged, Map<String, Long> byOutcome) {
    }

    /** Calls made while processing this extract (over all its attempts where marked). */
    public record Calls(long total, long accepted, long refused, long retries, long throttled, long full,
            long acceptedOverAllAttempts) {
    }

    public record Quota(long used, long limit, long left) {
    }

    public record Rejected(long line, String externalId, String field, String reason) {
    }

    /**
     * The run's plan against the snapshot.
     *
     * @param mode {@code delta} or {@code full} (every valid record sent), with why for a full run
     * @param creates valid records not in the snapshot
     * @param updates records that changed, or returned after being disabled
     * @param retried unchanged records sent again because their last send failed at the service
     * @param unchanged records identical to what was last accepted (not sent in a delta run)
     * @param disables leavers sent as their last full record with {@code active: false}
     * @param waitingLeavers records missing from this complete extract, disabled only after the grace
     * @param rejected invalid records (never sent)
     * @param snapshotRecords active records in the snapshot before the run
     * @param leavers how leavers were handled, for people
     * @param held true when the mass-change guard held the run: nothing was sent
     * @param holdReasons why it was held
     * @param approval how to release it, or who approved it
     */
    public record Plan(String mode, long creates, long updates, long retried, long unchanged, long disables,
            long waitingLeavers, long rejected, long snapshotRecords, String leavers, boolean held,
            List<String> holdReasons, String approval) {
    }

    /**
     * The schema check a run does before it sends anything (issue 16): the service answers 202 for a user whose
     * attribute it then ignores, because the attribute is not in the provisioning app's schema or no attribute
     * mapping reads it. This is where a run says so.
     *
     * @param checked true when the job's schema was read and the mapping checked against it
     * @param jobId the job whose schema was read
     * @param directory the API source directory's name in that schema
     * @param attributes how many attributes the mapping sends (each name once)
     * @param flowing how many of them an attribute mapping carries into Entra ID
     * @param dropped the attributes the service will drop, each with the fix
     * @param notDone why the check could not be done (no permission, network, an unrecognisable schema); empty when
     *        it was done. The run goes on either way.
     */
    public record Schema(boolean checked, String jobId, String directory, int attributes, int flowing,
            List<DroppedAttribute> dropped, String notDone) {

        public Schema {
            dropped = dropped == null ? List.of() : List.copyOf(dropped);
            notDone = notDone == null ? "" : notDone;
        }

        /** The check could not be done, and why. */
        public static Schema notDone(String jobId, String reason) {
            return new Schema(false, jobId, "", 0, 0, List.of(), reason);
        }
    }

    /**
     * One attribute the mapping sends that the service will drop.
     *
     * @param attribute the attribute as the schema names it
     * @param where where the mapping defines it
     * @param reason why it is dropped (not in the app's schema, or no attribute mapping uses it)
     * @param fix what to do
     */
    public record DroppedAttribute(String attribute, String where, String reason, String fix) {
    }
}
