package io.entrasync.support;

import java.util.HashMap;
import java.util.Map;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For {@code @QuarkusTest}s of the doors: Azurite for state and files, the provisioning emulator, and a source
 * {@code hr} with Microsoft's sample mapping that uploads to the emulator with client credentials.
 */
public class EmulatorResource implements QuarkusTestResourceLifecycleManager {

    private static ProvisioningEmulator emulator;

    public static ProvisioningEmulator emulator() {
        return emulator;
    }

    @Override
    public Map<String, String> start() {
        emulator = ProvisioningEmulator.start(EmulatorSettings.fast().withPort(0));
        Map<String, String> config = new HashMap<>();
        config.put("sync.state.connection-string", TestAzurite.connectionString());
        config.put("sync.sources.hr.mapping", "classpath:mappings/microsoft-sample.yaml");
        config.put("sync.sources.hr.graph.url", emulator.baseUrl());
        config.put("sync.sources.hr.graph.service-principal-id", emulator.defaultJob().servicePrincipalId());
        config.put("sync.sources.hr.graph.job-id", emulator.defaultJob().jobId());
        config.put("sync.sources.hr.auth.mode", "client-credentials");
        config.put("sync.sources.hr.auth.token-url", emulator.tokenEndpoint());
        config.put("sync.sources.hr.auth.client-id", "quarkus-test");
        config.put("sync.sources.hr.auth.client-secret", "quarkus-test-secret");
        return config;
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
