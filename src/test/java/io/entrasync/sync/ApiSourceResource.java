package io.entrasync.sync;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.support.EmulatorTarget;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the emulator and a SuccessFactors stub and configures API source {@code sf} (preset successfactors, client
 * credentials against the emulator) with fresh containers, all through {@code sync.*} properties.
 */
public class ApiSourceResource implements QuarkusTestResourceLifecycleManager {

    static ProvisioningEmulator emulator;
    static SuccessFactorsStub api;

    @Override
    public Map<String, String> start() {
        emulator = ProvisioningEmulator.start(EmulatorSettings.fast().withPort(0));
        api = new SuccessFactorsStub();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = new HashMap<>();
        String sf = "sync.sources.sf.";
        config.put(sf + "mapping", ApiSyncFixture.MAPPING);
        config.put(sf + "api.preset", "successfactors");
        config.put(sf + "api.base-url", api.url() + "/odata/v2");
        config.put(sf + "api.auth.username", "sfapi@ACME");
        config.put(sf + "api.auth.password", "secret");
        config.put(sf + "api.http.max-attempts", "2");
        config.put(sf + "api.http.initial-backoff", "PT0.01S");
        EmulatorTarget.uploadTo(config, "sf", emulator, suffix);
        config.put("sync.api.spool-container", "spool-" + suffix);
        config.put("sync.api.lease-wait", Duration.ofSeconds(5).toString());
        EmulatorTarget.freshContainers(config, suffix);
        return config;
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }
}
