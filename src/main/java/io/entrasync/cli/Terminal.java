package io.entrasync.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Whether a person is at a terminal. Up to JDK 21 {@code System.console()} is null when input or output is redirected;
 * from JDK 22 it returns a console anyway and {@code Console.isTerminal()} tells (looked up by reflection, since the
 * build targets Java 17).
 */
final class Terminal {

    private Terminal() {
    }

    /** The console when a person is at it; empty in a script, a pipeline or a container without a TTY. */
    @SuppressWarnings("SystemConsoleNull") // this is the one place that handles both JDK behaviours
    static Optional<Console> interactive() {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? Optional.of(console) : Optional.empty();
        } catch (NoSuchMethodException beforeJdk22) {
            return Optional.of(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.of(console);
        }
    }

    static boolean attached() {
        return interactive().isPresent();
    }
}
