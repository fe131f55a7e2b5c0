package io.entrasync.cli;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.entrasync.functions.customhandler.CustomHandlerServer;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the app as an Azure Functions custom handler (how Functions runs the native executable): the host starts
 * {@code entra-inbound-sync-runner custom-handler} (functions/custom-handler/host.json) with
 * {@code FUNCTIONS_CUSTOMHANDLER_PORT} set and sends each invocation to that port.
 */
@Command(name = "custom-handler", mixinStandardHelpOptions = true,
        description = "Answers the Azure Functions host's custom-handler requests (inboundFile, hrPoll, reconcile) on "
                + "127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT until stopped.")
public class CustomHandlerCommand implements Callable<Integer> {

    static final String PORT_VARIABLE = "FUNCTIONS_CUSTOMHANDLER_PORT";

    @Option(names = "--port", description = "Port to listen on; default: the FUNCTIONS_CUSTOMHANDLER_PORT variable.")
    Integer port;

    @Inject
    CustomHandlerServer server;

    @Override
    public Integer call() {
        Integer listenOn = port != null ? port : parse(System.getenv(PORT_VARIABLE));
        if (listenOn == null) {
            System.err.println("custom-handler needs a port: the Functions host sets " + PORT_VARIABLE
                    + "; outside the host pass --port.");
            return 2;
        }
        int actual = server.start(listenOn);
        System.err.println("entra-inbound-sync custom handler listening on 127.0.0.1:" + actual);
        Quarkus.waitForExit();
        return 0;
    }

    private static Integer parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            System.err.println(PORT_VARIABLE + "='" + value + "' is not a port number.");
            return null;
        }
    }
}
