package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import io.entrasync.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** {@code today} and {@code now} in the source's zone, read from an injected clock, and when a result next changes. */
class MappingTimeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Mapping ACTIVE_UNTIL_EXIT = MappingLoader.parse("""
            user:
              externalId: Id
              userName: Upn
              active: =date(row.Exit, "dd.MM.yyyy") == "" || date(row.Exit, "dd.MM.yyyy") > today
            """, "exit.yaml").inTimeZone(BERLIN);

    @Test
    void activeUntilTheExitDateInTheSourcesZone() {
        Map<String, String> leaver = Map.of("Id", "1", "Upn", "a@x", "Exit", "31.03.2027");
        // 30 March 2027 23:30 in Berlin is 21:30 UTC (summer time since 28 March): still active
        assertThat(active(ACTIVE_UNTIL_EXIT.at(utc("2027-03-30T21:30:00Z")), leaver)).isTrue();
        // 31 March 00:10 in Berlin, though still 30 March in UTC: the exit day has come, disabled
        assertThat(active(ACTIVE_UNTIL_EXIT.at(utc("2027-03-30T22:10:00Z")), leaver)).isFalse();
        // the same instant with the mapping in UTC: still the 30th
        assertThat(active(ACTIVE_UNTIL_EXIT.inTimeZone(ZoneOffset.UTC).at(utc("2027-03-30T22:10:00Z")), leaver))
                .isTrue();
    }

    @Test
    void theNextChangeIsTheStartOfTheExitDayInTheSourcesZoneAcrossADaylightSavingChange() {
        Map<String, String> leaver = Map.of("Id", "1", "Upn", "a@x", "Exit", "31.03.2027");
        MappingResult before = ACTIVE_UNTIL_EXIT.at(utc("2027-03-20T12:00:00Z")).map(record(leaver));
        // winter time on the 20th (UTC+1), summer time on the 31st (UTC+2): midnight in Berlin is 22:00 UTC
        assertThat(before.changesAt()).isEqualTo(Instant.parse("2027-03-30T22:00:00Z"));
        MappingResult after = ACTIVE_UNTIL_EXIT.at(utc("2027-03-30T22:00:00Z")).map(record(leaver));
        assertThat(after.user().data().get("active").booleanValue()).isFalse();
        // on the exit day itself the day after is a candidate too (a rule written exit >= today flips then)
        assertThat(after.changesAt()).isEqualTo(Instant.parse("2027-03-31T22:00:00Z"));
        MappingResult later = ACTIVE_UNTIL_EXIT.at(utc("2027-04-01T08:00:00Z")).map(record(leaver));
        assertThat(later.changesAt()).as("an exit date in the past changes nothing any more").isNull();
    }

    @Test
    void aRecordWithoutDatesOrAMappingWithoutTodayHasNoChangeToCome() {
        assertThat(ACTIVE_UNTIL_EXIT.map(record(Map.of("Id", "1", "Upn", "a@x", "Exit", ""))).changesAt()).isNull();
        Mapping plain = MappingLoader.parse("""
                user:
                  externalId: Id
                  userName: Upn
                  active: =row.Status == "A"
                """, "plain.yaml");
        assertThat(plain.dependsOnTime()).isFalse();
        assertThat(ACTIVE_UNTIL_EXIT.dependsOnTime()).isTrue();
    }

    @Test
    void aPreHireIsDisabledUntilTheStartDateOrNotSentBeforeDaysAhead() {
        Mapping disabledUntilStart = MappingLoader.parse("""
                user:
                  externalId: Id
                  userName: Upn
                  active: =date(row.Start, "dd.MM.yyyy") <= today
                """, "prehire.yaml").inTimeZone(BERLIN);
        Map<String, String> preHire = Map.of("Id", "2", "Upn", "b@x", "Start", "01.04.2027");
        MappingResult early = disabledUntilStart.at(utc("2027-03-15T08:00:00Z")).map(record(preHire));
        assertThat(early.user().data().get("active").booleanValue()).isFalse();
        assertThat(early.changesAt()).isEqualTo(Instant.parse("2027-03-31T22:00:00Z"));

        // "not sent before 14 days ahead": the row is rejected until then, and the change is known
        Mapping notBefore = MappingLoader.parse("""
                user:
                  externalId: Id
                  userName: '=addDays(today, 14) >= date(row.Start, "dd.MM.yyyy") ? row.Upn : ""'
                  active: =date(row.Start, "dd.MM.yyyy") <= today
                """, "window.yaml").inTimeZone(BERLIN);
        MappingResult tooEarly = notBefore.at(utc("2027-03-10T08:00:00Z")).map(record(preHire));
        assertThat(tooEarly.isValid()).isFalse();
        assertThat(tooEarly.changesAt()).as("14 days before the start, in Berlin").isEqualTo(
                Instant.parse("2027-03-17T23:00:00Z"));
        MappingResult inWindow = notBefore.at(utc("2027-03-18T08:00:00Z")).map(record(preHire));
        assertThat(inWindow.isValid()).isTrue();
        // one day early rather than ever late: the day after the window opened is a candidate too (mapped again,
        // found identical, not sent); the start day follows
        assertThat(inWindow.changesAt()).isEqualTo(Instant.parse("2027-03-18T23:00:00Z"));
        MappingResult nextDay = notBefore.at(utc("2027-03-19T08:00:00Z")).map(record(preHire));
        assertThat(nextDay.user()).isEqualTo(inWindow.user());
        assertThat(nextDay.changesAt()).as("the start day, when active flips").isEqualTo(
                Instant.parse("2027-03-31T22:00:00Z"));
    }

    @Test
    void theNextChangeOfARuleShiftedByDaysAheadIsThatManyDaysEarlier() {
        Mapping window = MappingLoader.parse("""
                user:
                  externalId: Id
                  userName: Upn
                  active: =addDays(today, 14) >= date(row.Start, "dd.MM.yyyy")
                """, "window.yaml");
        MappingResult result = window.at(utc("2027-03-01T08:00:00Z"))
                .map(record(Map.of("Id", "2", "Upn", "b@x", "Start", "01.04.2027")));
        assertThat(result.user().data().get("active").booleanValue()).isFalse();
        assertThat(result.changesAt()).isEqualTo(Instant.parse("2027-03-18T00:00:00Z"));
    }

    @Test
    void nowIsTheTimeInTheSourcesZone() {
        Mapping mapping = MappingLoader.parse("""
                user:
                  externalId: Id
                  userName: Upn
                  active: true
                  title: =now
                """, "now.yaml").inTimeZone(BERLIN);
        MappingResult result = mapping.at(utc("2027-01-15T08:00:00Z")).map(record(Map.of("Id", "1", "Upn", "u")));
        assertThat(result.user().data().get("title").textValue()).isEqualTo("2027-01-15T09:00:00+01:00");
    }

    private static boolean active(Mapping mapping, Map<String, String> values) {
        MappingResult result = mapping.map(record(values));
        assertThat(result.errors()).isEmpty();
        return result.user().data().get("active").booleanValue();
    }

    private static Clock utc(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private static SourceRecord record(Map<String, String> values) {
        return new SourceRecord(2, "line 2", new LinkedHashMap<>(values));
    }
}
