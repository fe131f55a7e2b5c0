package io.entrasync.mapping;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A mapping's {@code options.preHire}: a person whose start date is more than {@code sendDaysAhead} days away is not
 * sent yet. The record is held (outcome {@code held (pre-hire)}) and comes due on the first day it may be sent, through
 * the changes that come due ({@code delta.DueRecords}); a blank start date is sent at once.
 *
 * @param startDate the rule that gives the start date as an ISO date ({@code date(row.Eintritt, "dd.MM.yyyy")})
 * @param sendDaysAhead how many days before the start date the record is first sent (0: on the start day)
 */
record PreHire(Mapping.FieldRule startDate, int sendDaysAhead) {

    /** Where the option is, for messages and results.csv. */
    static final String WHERE = "options.preHire";

    /**
     * The day from which the record may be sent, when that is after {@code today}; {@code null} when it may be sent
     * now (a blank start date or one close enough).
     *
     * @throws IllegalArgumentException when the start date is not an ISO date
     */
    LocalDate heldUntil(JsonNode start, LocalDate today) {
        String text = start == null || start.isNull() ? "" : start.asText().strip();
        if (text.isEmpty()) {
            return null;
        }
        LocalDate first;
        try {
            first = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text).minusDays(sendDaysAhead);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(WHERE + ".startDate: '" + text + "' is not an ISO date (yyyy-MM-dd); "
                    + "give it as date(row.<column>, \"<format>\")", e);
        }
        return first.isAfter(today) ? first : null;
    }

    /** The detail results.csv gives a held record. */
    static String held(LocalDate from, int sendDaysAhead) {
        return "held until " + from + " (pre-hire): its start date " + from.plusDays(sendDaysAhead) + " is more than "
                + sendDaysAhead + " days ahead (" + WHERE + ".sendDaysAhead in the mapping); it is sent on " + from
                + " by the resume timer, with no new extract";
    }
}
