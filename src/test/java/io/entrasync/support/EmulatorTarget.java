package io.entrasync.support;

import java.util.Map;

import io.entrasync.emulator.ProvisioningEmulator;

/** The {@code sync.*} properties a Quarkus test resource sets so that a source uploads to the emulator. */
public final class EmulatorTarget {

    private EmulatorTarget() {
    }

    /**
     * Source {@code source} uploads to {@code emulator}'s default job in tenant {@code contoso-<suffix>}, with client
     * credentials from the emulator's token endpoint.
     */
    public static void uploadTo(Map<String, String> config, String source, ProvisioningEmulator emulator,
            String suffix) {
        String prefix = "sync.sources." + source + ".";
        config.put(prefix + "graph.url", emulator.baseUrl());
        config.put(prefix + "graph.service-principal-id", emulator.defaultJob().servicePrincipalId());
        config.put(prefix + "graph.job-id", emulator.defaultJob().jobId());
        config.put(prefix + "graph.tenant", "contoso-" + suffix);
        config.put(prefix + "auth.mode", "client-credentials");
        config.put(prefix + "auth.client-id", "test-client");
        config.put(prefix + "auth.client-secret", "test-secret");
        config.put(prefix + "auth.token-url", emulator.tokenEndpoint());
    }

    /** Containers of the test class's own: inbound, processed, failed and state, named with {@code suffix}. */
    public static void freshContainers(Map<String, String> config, String suffix) {
        config.put("sync.files.inbound-container", "inbound-" + suffix);
        config.put("sync.files.processed-container", "processed-" + suffix);
        config.put("sync.files.failed-container", "failed-" + suffix);
        config.put("sync.state.container", "state-" + suffix);
    }
}
