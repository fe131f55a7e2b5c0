package io.entrasync.report;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one home of "is this record's outcome a problem, why, what fixes it and who does": the report page groups
 * problem records by {@link #reason reason} and shows this advice per group. Works on outcome labels and details as
 * they are in results.csv, so an outcome or a detail added later still gets grouped (and, unknown, is for an admin to
 * look at).
 */
public final class ProblemAdvice {

    /** Who acts on a group of problems. */
    public enum Who {
        HR_DATA("HR data", "who-hr"),
        /** The mapping file's owner: a value the mapping's rule makes (a user name) is the cause, not HR data. */
        MAPPING("mapping owner", "who-mapping"),
        ADMIN("admin", "who-admin"),
        NOTHING("nothing — retried", "who-nothing");

        private final String label;
        private final String cssClass;

        Who(String label, String cssClass) {
            this.label = label;
            this.cssClass = cssClass;
        }

        public String label() {
            return label;
        }

        public String cssClass() {
            return cssClass;
        }
    }

    /**
     * One piece of advice.
     *
     * @param who who acts
     * @param fix what to do, for that person
     */
    public record Advice(Who who, String fix) {
    }

    /** Outcomes that need nothing from anyone: done, unchanged, or still on their way. */
    private static final Set<String> FINE = Set.of("accepted", "unchanged", "created", "created (disabled)",
            "updated", "updated (disabled)", "enabled",
            "disabled", "skipped", "held (pre-hire)");

    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”");
    private static final Pattern WHEN = Pattern.compile("\\s*\\([^()]*\\d{4}-\\d{2}-\\d{2}T[^()]*\\)");
    private static final Pattern ID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b|"
                    + "\\b\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z?\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern LIST = Pattern.compile("#(?:\\s*(?:,|and|-|–)\\s*#)+");
    private static final Pattern LINES = Pattern.compile("\\b(lines?|rows?|positions?) #");
    private static final Pattern ACCESS = Pattern.compile(
            "401|403|unauthori[sz]ed|forbidden|permission|privilege|consent|credential|token|licen[cs]e|"
                    + "synchronizationdata|job.*(quarantine|paused|not found)|quarantine|paused",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TRANSIENT = Pattern.compile(
            "\\b5\\d\\d\\b|\\b429\\b|timeout|timed out|unavailable|could not be reached|throttl|retried",
            Pattern.CASE_INSENSITIVE);
    /**
     * A create or update refused because a unique property is taken: {@code AzureActiveDirectoryConflictEntry},
     * {@code …DuplicateUserPrincipalName} (shared/docs: HR data rules the service leaves to the client).
     */
    private static final Pattern CONFLICT = Pattern.compile(
            "conflictentry|duplicateuserprincipalname|unique property|already exists", Pattern.CASE_INSENSITIVE);
    /** The mapping entry reconciliation names in a conflict's detail ({@code OutcomeRules.madeByMapping}). */
    private static final Pattern MADE_BY = Pattern.compile("was made by the mapping's (\\S+) ((?:at|in) .+?): for "
            + "the mapping owner");
    private static final int MAX_REASON = 200;
    /** The one wording of the advice on a taken user name; README.md and docs/deployment.md say the same. */
    static final String UNIQUE_NAME_FIX = "Another user already has the value the mapping's rule made (the detail "
            + "names the property and the value): for the mapping owner, not HR. Declare the mapping's %s "
            + "unique (a unique: entry with further candidates or a counter, docs/mapping.md), or free the value in "
            + "Entra ID; the next run sends the record again.";
    /** A record the mapping's own rule rejected ({@code no unique value}): the mapping owner adds a candidate. */
    static final String NO_UNIQUE_VALUE_FIX = "Every candidate of the mapping's unique: rule is taken for this "
            + "person: for the mapping owner, not HR. Add a candidate under unique.<attribute>.then or set "
            + "unique.<attribute>.counter (docs/mapping.md); the next extract sends the record.";

    private ProblemAdvice() {
    }

    /** Whether a record with this outcome needs someone's attention (or shows a retry in progress). */
    public static boolean isProblem(String outcome) {
        return outcome != null && !FINE.contains(outcome);
    }

    /**
     * The reason a problem record shares with others like it: its detail without the values of this record (quoted
     * values, numbers, ids, timestamps) and, for several errors, only the first.
     */
    public static String reason(String outcome, String detail) {
        String text = detail == null ? "" : detail.strip();
        if ("rejected".equals(outcome)) {
            int next = text.indexOf("; ");
            text = next > 0 ? text.substring(0, next) : text;
        }
        text = WHEN.matcher(text).replaceAll("");
        text = QUOTED.matcher(text).replaceAll("…");
        text = ID.matcher(text).replaceAll("…");
        text = NUMBER.matcher(text).replaceAll("#");
        text = LIST.matcher(text).replaceAll("#"); // "lines #, #, #" is the same reason as "line #"
        text = LINES.matcher(text).replaceAll("line(s) #");
        text = text.replaceAll("\\s+", " ").strip();
        if (text.length() > MAX_REASON) {
            text = text.substring(0, MAX_REASON) + "…";
        }
        return text.isEmpty() ? "(no detail)" : text;
    }

    /** What to do about records of {@code outcome} with such a detail, and who does it. */
    public static Advice advise(String outcome, String detail) {
        String text = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
        return switch (outcome == null ? "" : outcome) {
            case "rejected" -> text.contains("every candidate of unique.")
                    ? new Advice(Who.MAPPING, NO_UNIQUE_VALUE_FIX)
                    : new Advice(Who.HR_DATA, "Correct the record in the HR system (the detail names the "
                    + "column and the rule); the next extract sends it. Nothing was sent for it.");
            case "deferred" -> new Advice(Who.NOTHING, "The daily bulkUpload quota ran out. The rest of the extract "
                    + "goes out automatically when the quota frees up; nothing to do unless it keeps happening (then "
                    + "ask the admin to spread runs or raise sync.sources.<name>.upload.quota.daily-calls).");
            case "held" -> new Advice(Who.ADMIN, "The mass-change guard held the run: check the extract is right, "
                    + "then release it with the approve command (or fix the extract and drop it again).");
            case "failed" -> ACCESS.matcher(text).find()
                    ? new Advice(Who.ADMIN, "The service refused the call: check the app's permissions "
                            + "(SynchronizationData-User.Upload), the service principal and job ids, and the "
                            + "credentials; then drop the extract again.")
                    : new Advice(Who.NOTHING, "The call was refused or lost; the extract is processed again on its "
                            + "next delivery and only unsent records go out. Ask the admin if it keeps failing.");
            case "service-failed" -> serviceFailed(text, detail);
            case "unconfirmed" -> new Advice(Who.ADMIN, "The service accepted the records but never logged them. "
                    + "Check the provisioning job (quarantined or paused?) on its page in the Entra admin center; the "
                    + "records are not sent again automatically.");
            case "warning" -> new Advice(Who.HR_DATA, "The user was provisioned, but the service warns about part of "
                    + "the record (often a manager it could not set). Check the detail and correct the HR data.");
            default -> new Advice(Who.ADMIN, "Unusual outcome: read the detail and the provisioning logs.");
        };
    }

    /** The mapping rule that makes the property a conflict names. */
    private static String ruleOf(String text) {
        if (text.contains("mailnickname")) {
            return "rule for mailNickname";
        }
        if (text.contains("proxyaddresses") || text.contains("'mail'") || text.contains(" mail ")) {
            return "rule for emails[…].value";
        }
        return "user.userName rule (it becomes the userPrincipalName)";
    }

    private static Advice serviceFailed(String text, String detail) {
        if (CONFLICT.matcher(text).find()) {
            Matcher origin = MADE_BY.matcher(detail);
            String rule = origin.find() ? origin.group(1) + " rule (" + origin.group(2) + ")" : ruleOf(text);
            return new Advice(Who.MAPPING, String.format(Locale.ROOT, UNIQUE_NAME_FIX, rule));
        }
        if (text.contains("will be sent again")) {
            return new Advice(Who.NOTHING, "Reconciliation sends it again automatically.");
        }
        boolean last = text.contains("final") || text.contains("not sent again");
        if (!last && TRANSIENT.matcher(text).find()) {
            return new Advice(Who.NOTHING, "A transient failure at the service; reconciliation retries it.");
        }
        if (ACCESS.matcher(text).find() && !text.contains("fix the record")) {
            return new Advice(Who.ADMIN, "The service could not apply the change with the job's permissions or "
                    + "configuration: see the service's recommended action in the detail.");
        }
        return new Advice(Who.HR_DATA, "The service rejected the record's data (the detail has its error code and "
                + "recommended action): correct it in the HR system; the next extract sends it again.");
    }
}
