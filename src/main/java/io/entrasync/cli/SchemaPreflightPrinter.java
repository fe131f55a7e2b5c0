package io.entrasync.cli;

import java.io.PrintWriter;

import io.entrasync.schema.SchemaService;

/** Prints the schema check that {@code validate --source} and {@code plan} run before anything is sent. */
final class SchemaPreflightPrinter {

    private SchemaPreflightPrinter() {
    }

    static void print(SchemaService.Preflight preflight, PrintWriter out) {
        if (preflight.check().isPresent()) {
            preflight.check().get().print(out, false);
        } else {
            out.println("Schema check not done: " + preflight.unreadable());
        }
    }
}
