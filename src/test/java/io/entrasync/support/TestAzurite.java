package io.entrasync.support;

import java.nio.file.Path;

import io.entrasync.local.AzuriteProcess;

/**
 * One Azurite per test JVM, installed from npm into {@code .cache/azurite} on first use and stopped by PID
 * when the JVM exits. Tests isolate themselves with their own container names.
 */
public final class TestAzurite {

    private static AzuriteProcess instance;

    private TestAzurite() {
    }

    public static synchronized AzuriteProcess get() {
        if (instance == null) {
            String basedir = System.getProperty("project.basedir", ".");
            String version = System.getProperty("azurite.version", AzuriteProcess.DEFAULT_VERSION);
            instance = AzuriteProcess.start(Path.of(basedir, ".cache", "azurite"), version);
            AzuriteProcess started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "azurite-stop"));
        }
        return instance;
    }

    public static String connectionString() {
        return get().connectionString();
    }
}
