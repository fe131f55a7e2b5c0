package io.entrasync.reconcile;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.support.EmulatorTarget;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts an emulator and configures source {@code hr} (client credentials against it) and fresh containers. */
public class EmulatorSourceResource implements QuarkusTestResourceLifecycleManager {

    static ProvisioningEmulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = ProvisioningEmulator.start(EmulatorSettings.fast().withPort(0)
                .withReportsCallsPerWindow(1000, Duration.ofSeconds(1)));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = new HashMap<>();
        config.put("sync.sources.hr.mapping", "samples/mappings/microsoft-sample.yaml");
        EmulatorTarget.uploadTo(config, "hr", emulator, suffix);
        EmulatorTarget.freshContainers(config, suffix);
        config.put("sync.reconcile.wait-poll", "200ms");
        config.put("sync.reconcile.reports-calls", "1000");
        config.put("sync.reconcile.reports-window", "1s");
        return config;
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
