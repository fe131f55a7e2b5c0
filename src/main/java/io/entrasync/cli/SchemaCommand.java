package io.entrasync.cli;

import static io.entrasync.cli.JobAdminOptions.DONE;
import static io.entrasync.cli.JobAdminOptions.NOT_DONE;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.entrasync.config.SyncConfig;
import io.entrasync.run.SourceDefinition;
import io.entrasync.schema.SchemaCheck;
import io.entrasync.schema.SchemaPush;
import io.entrasync.schema.SchemaService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schema check|push}: the provisioning app's schema against the source's mapping. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"The provisioning app's schema against the source's mapping: which attributes flow, which the"
                + " service will silently drop, and adding the missing custom attributes. See"
                + " docs/schema-and-jobs.md."},
        subcommands = {SchemaCommand.Check.class, SchemaCommand.Push.class})
public class SchemaCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code schema check --source S}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Reads the job's schema (GET .../jobs/{jobId}/schema, Synchronization.Read.All) and lists"
                    + " each attribute the mapping sends that the service will drop (not in the API source directory,"
                    + " or used by no attribute mapping), with the fix.",
                    "Exit code: 0 every attribute flows, 1 some will be dropped, 2 the schema cannot be read."})
    static class Check implements Callable<Integer> {
        @Inject
        SyncConfig config;

        @Inject
        SchemaService schemas;

        @Mixin
        SourceOptions options;

        @Option(names = "--all", description = "Also list the attributes that flow, with their target and flow type.")
        boolean all;

        @Override
        public Integer call() {
            return options.run(out -> {
                SchemaCheck check = schemas.check(options.source(config));
                check.print(out, all);
                return check.exitCode();
            });
        }
    }

    /** {@code schema push --source S [--apply]}. */
    @Command(name = "push", mixinStandardHelpOptions = true,
            description = {"Shows the mapping's custom-namespace attributes missing from the API source directory,"
                    + " with their types; with --apply adds them (PUT .../schema, Synchronization.ReadWrite.All),"
                    + " leaving every other part of the schema as it was. Attribute mappings stay yours to add.",
                    "Exit code: 0 nothing missing or added, 1 missing (shown, not applied), 2 error."})
    static class Push implements Callable<Integer> {
        @Inject
        SyncConfig config;

        @Inject
        SchemaService schemas;

        @Mixin
        SourceOptions options;

        @Option(names = "--apply", description = "Write the missing attributes into the job's schema.")
        boolean apply;

        @Override
        public Integer call() {
            return options.run(out -> {
                SourceDefinition definition = options.source(config);
                SchemaPush push = apply ? schemas.apply(definition) : schemas.plan(definition);
                if (push.missing().isEmpty()) {
                    out.println("Every custom attribute of the mapping is in the app's schema; nothing to add.");
                    return DONE;
                }
                push.describe().forEach(out::println);
                if (apply) {
                    out.println("Added " + push.missing().size() + " attribute(s) to the app's schema. Map them"
                            + " (Provisioning > Mappings > Add New Mapping), then 'schema check --source "
                            + definition.name() + "'.");
                    return DONE;
                }
                out.println(push.missing().size() + " attribute(s) missing; run again with --apply to add them.");
                return NOT_DONE;
            });
        }
    }
}
