package io.entrasync.support;

import java.time.Duration;

import io.entrasync.auth.AuthSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.upload.BulkUploadTarget;
import io.entrasync.upload.PacingSettings;
import io.entrasync.upload.UploadEngine;
import io.entrasync.upload.UploadSettings;

/** Upload settings that send to an emulator's default job with client credentials and the default pacing. */
public final class EmulatorUploads {

    private EmulatorUploads() {
    }

    /**
     * @param sharingKey the pacing/quota key: give each test its own so quotas do not add up across tests
     */
    public static UploadSettings settings(ProvisioningEmulator emulator, String source, String sharingKey,
            RetryPolicy retries) {
        return new UploadSettings(source,
                new BulkUploadTarget(emulator.baseUrl(), "beta", emulator.defaultJob().servicePrincipalId(),
                        emulator.defaultJob().jobId()),
                AuthSettings.clientSecret(emulator.tokenEndpoint(), "test-client", "test-secret"),
                PacingSettings.DEFAULT, 2000, sharingKey, retries, Duration.ofSeconds(5), Duration.ofSeconds(10),
                UploadEngine.DEFAULT_MAX_IN_FLIGHT);
    }
}
