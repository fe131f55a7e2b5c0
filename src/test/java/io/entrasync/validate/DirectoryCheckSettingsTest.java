package io.entrasync.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.entrasync.config.UniqueConfig;

/** The source's directory-check settings: off by default, a budget below 1 refused naming the key. */
class DirectoryCheckSettingsTest {

    private static UniqueConfig config(boolean on, int maxLookups) {
        return new UniqueConfig() {
            @Override
            public boolean directoryCheck() {
                return on;
            }

            @Override
            public int maxLookups() {
                return maxLookups;
            }
        };
    }

    @Test
    void theSettingsAreTakenAsConfigured() {
        assertThat(DirectoryCheckSettings.from("hr", config(true, 50))).isEqualTo(new DirectoryCheckSettings(true, 50));
        assertThat(DirectoryCheckSettings.OFF.enabled()).isFalse();
    }

    @Test
    void aBudgetBelowOneIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> DirectoryCheckSettings.from("hr", config(true, 0)))
                .hasMessage("sync.sources.hr.unique.max-lookups must be at least 1, not 0");
    }

    @Test
    void offItLooksNothingUp() {
        assertThat(GraphDirectoryCheck.forRun(DirectoryCheckSettings.OFF, null, "https://graph.microsoft.com", null,
                "hr")).isSameAs(DirectoryCheck.OFF);
        assertThat(DirectoryCheck.OFF.budget()).isZero();
    }
}
