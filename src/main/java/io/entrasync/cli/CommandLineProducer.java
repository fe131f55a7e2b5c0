package io.entrasync.cli;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import picocli.CommandLine;

/** The picocli command line Quarkus runs, with the one top-level {@link FailureHandler}. */
@ApplicationScoped
class CommandLineProducer {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(factory.create());
    }

    /** Installs the handler on a command line (tests that build their own use it too). */
    static CommandLine configure(CommandLine commandLine) {
        return commandLine.setExecutionExceptionHandler(new FailureHandler());
    }
}
