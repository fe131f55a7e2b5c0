package io.entrasync.run;

import org.jboss.logging.Logger;

import io.entrasync.report.RunReport;

/**
 * The schema check a run does before it sends anything: which attributes its source's mapping sends that the
 * provisioning app will silently drop. A port, so that {@code run} does not depend on {@code schema}, which
 * implements it ({@code io.entrasync.schema.SchemaService}) and is handed in through {@link RunWiring}.
 */
@FunctionalInterface
public interface SchemaPreflight {

    /** No check: the report carries no schema section (tools and tests that build a run without a job to ask). */
    SchemaPreflight NONE = source -> null;

    /**
     * The check of {@code source}'s mapping against its job's schema. A schema that cannot be read (no permission,
     * network) is a {@link RunReport.Schema#notDone(String, String)} with the reason.
     *
     * @return the check for the report, or null for no check
     */
    RunReport.Schema forRun(SourceDefinition source);

    /**
     * The check as a run does it: never stops the run (a check that breaks is a note in the report too), and logs a
     * warning naming the attributes the service will drop, or why the check could not be done.
     */
    default RunReport.Schema beforeRun(SourceDefinition source) {
        RunReport.Schema schema;
        try {
            schema = forRun(source);
        } catch (RuntimeException e) {
            schema = RunReport.Schema.notDone(source.upload().target().jobId(), "the check failed: " + e.getMessage());
        }
        Logger log = Logger.getLogger(SchemaPreflight.class);
        if (schema == null) {
            return null;
        } else if (!schema.checked()) {
            log.warnf("source '%s': the schema check could not be done, the run goes on: %s", source.name(),
                    schema.notDone());
        } else if (!schema.dropped().isEmpty()) {
            log.warnf("source '%s': the service will drop %d attribute(s) the mapping sends (not in job %s's schema or"
                    + " not mapped): %s. Fix: see the run report or 'schema check --source %s'.", source.name(),
                    schema.dropped().size(), schema.jobId(), String.join(", ",
                            schema.dropped().stream().map(RunReport.DroppedAttribute::attribute).toList()),
                    source.name());
        }
        return schema;
    }
}
