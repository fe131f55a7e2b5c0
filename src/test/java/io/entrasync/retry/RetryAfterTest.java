package io.entrasync.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** RFC 9110 §10.2.3 ({@code Retry-After}) and §5.6.7 (HTTP-date), case by case. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");

    @Test
    void delaySecondsIsThatManySeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("007", NOW)).contains(Duration.ofSeconds(7));
    }

    @Test
    void whitespaceAroundTheValueIsNotPartOfIt() {
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("\t30 ", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void imfFixdateIsMeasuredFromTheCallersClock() {
        // The RFC's own example, read at a "now" 30 s before it.
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", Instant.parse("1994-11-06T08:49:07Z")))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 20:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 20:00:30 GMT", NOW.plusSeconds(10)))
                .contains(Duration.ofSeconds(20));
    }

    @Test
    void obsoleteDateFormatsAreReadAsTheRfcAsksRecipientsTo() {
        Instant before = Instant.parse("1994-11-06T08:49:07Z");
        assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", before)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sun Nov  6 08:49:37 1994", before)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 28-Nov-26 20:00:30 GMT", NOW)).isEmpty(); // rfc850 spells the day out
        assertThat(RetryAfter.parse("Saturday, 28-Nov-26 20:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void aTwoDigitYearMoreThanFiftyYearsAheadIsTheCenturyBefore() {
        // From 2026, "77" would be 2077 (51 years ahead), so it is 1977: in the past, so "now".
        assertThat(RetryAfter.parse("Tuesday, 01-Nov-77 00:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 19:59:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).contains(Duration.ZERO);
    }

    /** Graph's throttling guidance, "Sample response" (learn.microsoft.com/graph/throttling): Retry-After: 2.128. */
    @Test
    void delaySecondsWithAFractionAsGraphSendsThemAreRoundedUp() {
        assertThat(RetryAfter.parse("2.128", NOW)).contains(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("0.001", NOW)).contains(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse("7.000", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("0.0", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("86400.5", NOW)).contains(RetryAfter.LONGEST);
        assertThat(RetryAfter.parse("9999999999999999999.9", NOW)).contains(RetryAfter.LONGEST);
    }

    @Test
    void negativeSignedHalfWrittenOrSuffixedNumbersAreNoHeader() {
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("+5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-1.5", NOW)).isEmpty();
        assertThat(RetryAfter.parse(".5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("5.", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.5.2", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1,5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("5s", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1e3", NOW)).isEmpty();
        assertThat(RetryAfter.parse("\u0663", NOW)).isEmpty(); // ARABIC-INDIC DIGIT THREE: not a DIGIT of RFC 5234
    }

    @Test
    void absentBlankOrGarbageIsNoHeader() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("   ", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("<html>503</html>", NOW)).isEmpty();
        assertThat(RetryAfter.parse("2026-11-28T20:00:30Z", NOW)).isEmpty(); // ISO-8601 is not an HTTP-date
        assertThat(RetryAfter.parse("Fri, 28 Nov 2026 20:00:30 GMT", NOW)).isEmpty(); // 28 Nov 2026 is a Saturday
        assertThat(RetryAfter.parse("Sat, 31 Nov 2026 20:00:30 GMT", NOW)).isEmpty();
    }

    @Test
    void everyWaitIsCappedAtADay() {
        assertThat(RetryAfter.parse("86401", NOW)).contains(RetryAfter.LONGEST);
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).contains(RetryAfter.LONGEST);
        assertThat(RetryAfter.parse("Thu, 01 Jan 2099 00:00:00 GMT", NOW)).contains(RetryAfter.LONGEST);
        assertThat(RetryAfter.parse("86400", NOW)).contains(Duration.ofDays(1));
    }
}
