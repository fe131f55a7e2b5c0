package io.entrasync.source.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024-05-01T10:00:00Z            | 2024-05-01T10:00:00Z",
            "2024-05-01T12:00:00+02:00       | 2024-05-01T10:00:00Z",
            "2011-06-02T19:26:23+0000        | 2011-06-02T19:26:23Z",
            "2024-05-01T10:00:00.123-07:00   | 2024-05-01T17:00:00.123Z",
            "/Date(1714557600000)/           | 2024-05-01T10:00:00Z",
            "/Date(1714557600000+0120)/      | 2024-05-01T10:00:00Z",
            "2024-05-01T10:00:00             | 2024-05-01T10:00:00Z",
            "2024-05-01                      | 2024-05-01T00:00:00Z"})
    void readsTheFormsHrApisUse(String text, String expected) {
        assertThat(Timestamps.parse(text)).contains(Instant.parse(expected));
    }

    @Test
    void somethingElseIsNotATimestamp() {
        assertThat(Timestamps.parse("yesterday")).isEmpty();
        assertThat(Timestamps.parse("")).isEmpty();
        assertThat(Timestamps.parse(null)).isEmpty();
    }

    @Test
    void formatsIsoInstantsOrAPatternInUtc() {
        Instant instant = Instant.parse("2024-05-01T10:00:00.123456Z");

        assertThat(Timestamps.format(instant, "")).isEqualTo("2024-05-01T10:00:00.123Z");
        assertThat(Timestamps.format(instant, "yyyy-MM-dd'T'HH:mm:ss'Z'")).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(Timestamps.format(instant,
                "yyyy-MM-dd'T'HH:mm:ss.SSSxxx")).isEqualTo("2024-05-01T10:00:00.123+00:00");
    }

    @Test
    void epochFormatsWriteAndReadCountsOfSecondsOrMilliseconds() {
        Instant instant = Instant.parse("2024-05-01T10:00:00.123456Z");

        assertThat(Timestamps.format(instant, Timestamps.EPOCH_SECONDS)).isEqualTo("1714557600");
        assertThat(Timestamps.format(instant, Timestamps.EPOCH_MILLIS)).isEqualTo("1714557600123");
        assertThat(Timestamps.parse("1714557600", Timestamps.EPOCH_SECONDS))
                .contains(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(Timestamps.parse(" 1714557600.5 ", Timestamps.EPOCH_SECONDS))
                .contains(Instant.parse("2024-05-01T10:00:00.500Z"));
        assertThat(Timestamps.parse("1714557600123", Timestamps.EPOCH_MILLIS))
                .contains(Instant.parse("2024-05-01T10:00:00.123Z"));
        assertThat(Timestamps.parse("2024-05-01T10:00:00Z", Timestamps.EPOCH_SECONDS)).as("not a count").isEmpty();
        assertThat(Timestamps.parse("1714557600", "")).as("a bare number is no ISO time").isEmpty();
    }

    @Test
    void hostileCountsAreNoTimestampsAndCostNothing() {
        assertThat(Timestamps.parse("1e999999999", Timestamps.EPOCH_SECONDS)).isEmpty();
        assertThat(Timestamps.parse("9".repeat(100_000), Timestamps.EPOCH_MILLIS)).isEmpty();
        assertThat(Timestamps.parse("9223372036854775807", Timestamps.EPOCH_SECONDS)).as("beyond Instant.MAX")
                .isEmpty();
        assertThat(Timestamps.parse(null, Timestamps.EPOCH_SECONDS)).isEmpty();
    }
}
