package io.entrasync.local;

import java.nio.file.Path;

/** A JVM that starts Azurite, prints its pid and waits to be killed: the parent in {@link AzuriteProcessTest}. */
public final class AzuriteParent {

    private AzuriteParent() {
    }

    public static void main(String[] args) throws InterruptedException {
        AzuriteProcess azurite = AzuriteProcess.start(Path.of(args[0]), System.getProperty("azurite.version",
                AzuriteProcess.DEFAULT_VERSION));
        System.out.println("azurite-pid " + azurite.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
