package io.entrasync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.entrasync.config.ReconcileConfig;
import io.entrasync.config.SourceConfig;
import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.reconcile.ReconcileSettings;
import io.entrasync.scim.BulkRequestWriter;
import io.entrasync.upload.PacingSettings;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

/** The client's defaults and the emulator's defaults are the documented limits of one home: {@link ServiceLimits}. */
class ServiceLimitsTest {

    @Test
    void theUploadDefaultsAreTheServiceLimits() throws Exception {
        assertThat(PacingSettings.DEFAULT).isEqualTo(new PacingSettings(ServiceLimits.CALLS_PER_WINDOW,
                Duration.ofSeconds(ServiceLimits.CALL_WINDOW_SECONDS)));
        assertThat(BulkRequestWriter.MAX_OPERATIONS).isEqualTo(ServiceLimits.OPERATIONS_PER_CALL);
        assertThat(defaultOf(SourceConfig.UploadConfig.Pacing.class, "calls"))
                .isEqualTo(String.valueOf(ServiceLimits.CALLS_PER_WINDOW));
        assertThat(Duration.parse(defaultOf(SourceConfig.UploadConfig.Pacing.class, "window")))
                .hasSeconds(ServiceLimits.CALL_WINDOW_SECONDS);
        assertThat(defaultOf(SourceConfig.UploadConfig.Quota.class, "dailyCalls"))
                .isEqualTo(String.valueOf(ServiceLimits.DAILY_CALLS_P1_P2));
        assertThat(Duration.parse(defaultOf(SourceConfig.UploadConfig.class, "connectTimeout")))
                .hasSeconds(ServiceLimits.CONNECT_TIMEOUT_SECONDS);
        assertThat(Duration.parse(defaultOf(SourceConfig.UploadConfig.class, "requestTimeout")))
                .hasSeconds(ServiceLimits.REQUEST_TIMEOUT_SECONDS);
    }

    @Test
    void theReconcileDefaultsAreTheLogApiLimits() throws Exception {
        assertThat(defaultOf(ReconcileConfig.class, "reportsCalls"))
                .isEqualTo(String.valueOf(ServiceLimits.LOG_READS_PER_WINDOW));
        assertThat(defaultOf(ReconcileConfig.class, "reportsWindow")).isEqualTo(ServiceLimits.LOG_READ_WINDOW_SECONDS
                + "s");
        assertThat(ReconcileSettings.DEFAULT.reportsPacing()).isEqualTo(new PacingSettings(
                ServiceLimits.LOG_READS_PER_WINDOW, Duration.ofSeconds(ServiceLimits.LOG_READ_WINDOW_SECONDS)));
        assertThat(ReconcileSettings.LOG_RETENTION).isEqualTo(Duration.ofDays(ServiceLimits.LOG_RETENTION_DAYS));
    }

    @Test
    void theEmulatorEnforcesTheSameLimitsByDefault() {
        EmulatorSettings emulator = EmulatorSettings.defaults();
        assertThat(emulator.callsPerWindow()).isEqualTo(ServiceLimits.CALLS_PER_WINDOW);
        assertThat(emulator.callWindow()).hasSeconds(ServiceLimits.CALL_WINDOW_SECONDS);
        assertThat(emulator.dailyQuota()).isEqualTo(ServiceLimits.DAILY_CALLS_P1_P2);
        assertThat(emulator.quotaWindow()).hasHours(ServiceLimits.QUOTA_WINDOW_HOURS);
        assertThat(emulator.reportsCallsPerWindow()).isEqualTo(ServiceLimits.LOG_READS_PER_WINDOW);
        assertThat(emulator.reportsWindow()).hasSeconds(ServiceLimits.LOG_READ_WINDOW_SECONDS);
    }

    private static String defaultOf(Class<?> config, String method) throws NoSuchMethodException {
        return config.getMethod(method).getAnnotation(WithDefault.class).value();
    }
}
