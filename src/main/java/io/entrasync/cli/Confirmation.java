package io.entrasync.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Asks before a command changes the provisioning job; {@code --yes} answers for the admin (scripts). */
final class Confirmation {

    private Confirmation() {
    }

    /** True when {@code yes} is set, or the admin types y/yes; an empty or closed input is a no. */
    static boolean confirmed(boolean yes, String question, PrintWriter out) {
        if (yes) {
            return true;
        }
        out.print(question + " [y/N] ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            boolean confirmed = answer != null && (answer.strip().equalsIgnoreCase("y")
                    || answer.strip().equalsIgnoreCase("yes"));
            if (!confirmed) {
                out.println("Not confirmed; nothing was changed (--yes skips this question).");
            }
            return confirmed;
        } catch (IOException e) {
            out.println("Could not read an answer; nothing was changed (--yes skips this question).");
            return false;
        }
    }
}
