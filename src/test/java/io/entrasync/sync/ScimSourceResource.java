package io.entrasync.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.support.EmulatorTarget;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the emulator and a SCIM server stub and configures API source {@code scim} (preset scim with its default
 * reference, two users per page, samples/mappings/scim-user.yaml) with fresh containers, through {@code sync.*}.
 */
public class ScimSourceResource implements QuarkusTestResourceLifecycleManager {

    static final String API_KEY = "scim-token-5f3e9a";
    static ProvisioningEmulator emulator;
    static ScimServerStub scim;

    @Override
    public Map<String, String> start() {
        emulator = ProvisioningEmulator.start(EmulatorSettings.fast().withPort(0));
        try {
            scim = new ScimServerStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = new HashMap<>();
        String source = "sync.sources.scim.";
        config.put(source + "mapping", "samples/mappings/scim-user.yaml");
        config.put(source + "api.preset", "scim");
        config.put(source + "api.base-url", scim.baseUrl());
        config.put(source + "api.auth.api-key", API_KEY);
        config.put(source + "api.paging.page-size", "2");
        EmulatorTarget.uploadTo(config, "scim", emulator, suffix);
        config.put("sync.api.spool-container", "spool-" + suffix);
        EmulatorTarget.freshContainers(config, suffix);
        return config;
    }

    @Override
    public void stop() {
        if (scim != null) {
            scim.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }
}
