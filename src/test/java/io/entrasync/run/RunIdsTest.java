package io.entrasync.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RunIdsTest {

    private static final Instant SAME_SECOND = Instant.parse("2026-12-08T04:16:47Z");
    private static final String CONTENT = "4f2a9c0d6e1b8a7f3c5d2e9b0a1f4c6d8e2b7a9c1d3f5e0b6a8c2d4f7e9a1b3c";

    @Test
    void theSameExtractDroppedUnderTwoNamesInOneSecondIsTwoRuns() {
        // day2.csv and day4.csv of one test were byte-identical and landed in one second: one id, a run never closed
        assertThat(RunIds.of(SAME_SECOND, "day2.csv", CONTENT)).isNotEqualTo(RunIds.of(SAME_SECOND, "day4.csv",
                CONTENT));
    }

    @Test
    void theSameNameAndContentIsTheSameRunAndTheIdSaysWhenItStarted() {
        String id = RunIds.of(SAME_SECOND, "workers.csv", CONTENT);
        assertThat(id).isEqualTo(RunIds.of(SAME_SECOND, "workers.csv", CONTENT))
                .matches("20261208T041647Z-[0-9a-f]{8}");
        assertThat(RunIds.of(SAME_SECOND, "workers.csv", CONTENT.replace('4', '5'))).isNotEqualTo(id);
    }
}
