package io.entrasync.emulator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The subset of OData {@code $filter} that the provisioning-logs API documents and our clients use: conditions joined
 * by {@code and}, each one of
 * <ul>
 *   <li>{@code jobId eq '<id>'}, {@code cycleId eq '<id>'}, {@code changeId eq '<id>'},
 *       {@code sourceIdentity/id eq '<externalId>'}, {@code provisioningStatusInfo/status eq 'failure'}</li>
 *   <li>{@code activityDateTime gt|ge|lt|le|eq <ISO-8601 date-time>} (unquoted, as OData writes date-times)</li>
 * </ul>
 * Property names are matched case-insensitively (the service's own Location header writes {@code jobid}); values are
 * case-sensitive, as documented. Anything else is rejected with a 400: never a silent match-all.
 */
final class LogFilter {
    private final Predicate<LogEntry> predicate;

    private LogFilter(Predicate<LogEntry> predicate) {
        this.predicate = predicate;
    }

    static LogFilter matchAll() {
        return new LogFilter(e -> true);
    }

    boolean matches(LogEntry e) {
        return predicate.test(e);
    }

    static LogFilter parse(String text) {
        if (text == null) {
            return matchAll();
        }
        List<String> tokens = tokenize(text);
        if (tokens.isEmpty()) {
            throw invalid(text, "the filter is empty");
        }
        Predicate<LogEntry> all = e -> true;
        int i = 0;
        while (true) {
            if (i + 3 > tokens.size()) {
                throw invalid(text, "expected '<property> <operator> <value>' after " + (i == 0 ? "the start"
                        : "'and'"));
            }
            all = all.and(condition(text, tokens.get(i), tokens.get(i + 1), tokens.get(i + 2)));
            i += 3;
            if (i == tokens.size()) {
                return new LogFilter(all);
            }
            if (!tokens.get(i).equalsIgnoreCase("and")) {
                throw invalid(text, "expected 'and' but found '" + tokens.get(i) + "' (only 'and' is supported)");
            }
            i++;
        }
    }

    private static Predicate<LogEntry> condition(String text, String property, String op, String value) {
        String p = property.toLowerCase(Locale.ROOT);
        if (p.equals("activitydatetime")) {
            if (value.startsWith("'")) {
                throw invalid(text,
                        "activityDateTime takes an unquoted date-time, e.g. activityDateTime gt 2024-05-01T00:00:00Z");
            }
            Instant t;
            try {
                t = OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(text, "'" + value + "' is not an ISO-8601 date-time with offset");
            }
            return switch (op) {
                case "gt" -> e -> e.activityDateTime().isAfter(t);
                case "ge" -> e -> !e.activityDateTime().isBefore(t);
                case "lt" -> e -> e.activityDateTime().isBefore(t);
                case "le" -> e -> !e.activityDateTime().isAfter(t);
                case "eq" -> e -> e.activityDateTime().equals(t);
                default -> throw invalid(text, "operator '" + op
                        + "' is not supported for activityDateTime (use gt, ge, lt, le or eq)");
            };
        }
        Function<LogEntry, String> field = switch (p) {
            case "jobid" -> LogEntry::jobId;
            case "cycleid" -> LogEntry::cycleId;
            case "changeid" -> LogEntry::changeId;
            case "sourceidentity/id" -> LogEntry::sourceId;
            case "provisioningstatusinfo/status" -> LogEntry::status;
            case "provisioningaction" -> LogEntry::provisioningAction;
            default -> throw invalid(text, "property '" + property + "' is not supported (jobId, cycleId, changeId, "
                    + "sourceIdentity/id, provisioningStatusInfo/status, provisioningAction, activityDateTime)");
        };
        if (!op.equals("eq")) {
            throw invalid(text, "operator '" + op + "' is not supported for " + property + " (only eq)");
        }
        if (value.length() < 2 || !value.startsWith("'") || !value.endsWith("'")) {
            throw invalid(text, property + " takes a quoted string, e.g. " + property + " eq 'value'");
        }
        String literal = value.substring(1, value.length() - 1).replace("''", "'");
        return e -> literal.equals(field.apply(e));
    }

    /** Splits on spaces outside quotes; a quote inside a literal is written twice (OData). */
    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuote = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (inQuote && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    cur.append("''");
                    i++;
                    continue;
                }
                inQuote = !inQuote;
                cur.append(c);
            } else if (Character.isWhitespace(c) && !inQuote) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else if ((c == '(' || c == ')') && !inQuote) {
                throw invalid(text, "parentheses and functions are not supported");
            } else {
                cur.append(c);
            }
        }
        if (inQuote) {
            throw invalid(text, "a quoted value is not closed");
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static EmulatorException invalid(String filter, String why) {
        return new EmulatorException(400, "BadRequest", "Invalid filter clause: " + why + ". $filter was: " + filter);
    }
}
