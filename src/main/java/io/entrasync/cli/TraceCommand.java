package io.entrasync.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.entrasync.config.SyncConfig;
import io.entrasync.state.StateStore;
import io.entrasync.trail.PersonTrail;
import io.entrasync.trail.Trace;
import io.entrasync.trail.TraceHtml;
import io.entrasync.trail.TraceText;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trace --source NAME (--external-id ID | --user-name UPN | --name TEXT) [--json] [--html FILE]}. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"What happened to this person? Prints one person's trail across every run of a source, "
                + "newest first: each extract or API read that carried them and what the run decided (rejected, "
                + "new, changed with old -> new, re-sent, held, deferred, leaver), what was sent and what the "
                + "service said, and where they stand now. --user-name and --name list the matching people first."},
        footer = {"Exit codes: 0 a trail was printed (or the people found); 4 nobody matched; 2 a usage error."})
public class TraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    SyncConfig config;

    @Inject
    StateStore state;

    @Inject
    ObjectMapper mapper;

    @Option(names = "--source", required = true, paramLabel = "<name>", description = "The source.")
    String source;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static class Who {
        @Option(names = "--external-id", paramLabel = "<id>", description = "The person's externalId.")
        String externalId;

        @Option(names = "--user-name", paramLabel = "<upn>",
                description = "The userName the person was last sent with (any case).")
        String userName;

        @Option(names = "--name", paramLabel = "<text>",
                description = "Text in the person's display, given or family name (any case).")
        String name;
    }

    @Option(names = "--json", description = "Print the trail as one JSON document (fields in docs/monitoring.md).")
    boolean json;

    @Option(names = "--html", paramLabel = "<file>",
            description = "Also write the trail as a self-contained HTML page for the helpdesk.")
    Path html;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!config.sources().containsKey(source)) {
            spec.commandLine().getErr().println("No source named '" + source + "' is configured (configured: "
                    + config.sources().keySet() + ").");
            return 2;
        }
        PersonTrail trail = new PersonTrail(state, mapper);
        String externalId = who.externalId;
        if (externalId == null) {
            List<PersonTrail.Match> found = who.userName != null ? trail.byUserName(source, who.userName)
                    : trail.byName(source, who.name);
            if (found.isEmpty()) {
                out.println("Nobody in the trail of source " + source + " was last sent with that "
                        + (who.userName != null ? "userName" : "name") + ". The trail knows people from the first "
                        + "run after it was installed; try --external-id, or look in processed/" + source + "/.");
                out.flush();
                return 4;
            }
            out.println("Matching people (externalId, userName, displayName):");
            found.forEach(match -> out.println("  " + match.externalId() + "  " + match.userName() + "  "
                    + match.displayName()));
            if (found.size() > 1) {
                out.println("Several people match: run trace again with --external-id.");
                out.flush();
                return 0;
            }
            externalId = found.get(0).externalId();
        }
        Trace trace = trail.trace(source, externalId);
        if (json) {
            out.println(mapper.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(trace));
        } else {
            TraceText.print(trace, out);
        }
        if (html != null) {
            TraceHtml.write(trace, html);
            out.println("Trail page: " + html.toAbsolutePath());
        }
        out.flush();
        return trace.found() ? 0 : 4;
    }
}
