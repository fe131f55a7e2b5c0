package io.entrasync.cli;

import java.io.Console;
import java.io.PrintWriter;

import picocli.CommandLine.Option;

/**
 * {@code --yes} (a picocli mixin of the commands that change the provisioning job): asks before the change, or
 * {@code --yes} answers for the admin (scripts). Without a terminal (a script, a pipeline) nothing is asked and
 * nothing is changed, rather than waiting for an answer that never comes.
 */
public class ConfirmOption {

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    /** True when {@code --yes} is given, or the admin types y/yes at the terminal. */
    boolean confirmed(String question, PrintWriter out) {
        if (yes) {
            return true;
        }
        Console console = Terminal.interactive().orElse(null);
        if (console == null) {
            out.println(question + " Not an interactive terminal: nothing was changed; add --yes to go ahead.");
            return false;
        }
        out.flush();
        String answer = console.readLine("%s [y/N] ", question);
        boolean confirmed = answer != null && (answer.strip().equalsIgnoreCase("y")
                || answer.strip().equalsIgnoreCase("yes"));
        if (!confirmed) {
            out.println("Not confirmed; nothing was changed (--yes skips this question).");
        }
        return confirmed;
    }
}
