package io.entrasync.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the app's state store at the test JVM's Azurite. */
public class AzuriteResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("sync.state.connection-string", TestAzurite.connectionString());
    }

    @Override
    public void stop() {
        // Azurite is shared by the whole test JVM and stopped when it exits.
    }
}
