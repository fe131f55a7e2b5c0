package io.entrasync.run;

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
     * The check of {@code source}'s mapping against its job's schema. Never blocks a run: a schema that cannot be
     * read (no permission, network) is a {@link RunReport.Schema#notDone(String, String)} with the reason.
     *
     * @return the check for the report, or null for no check
     */
    RunReport.Schema forRun(SourceDefinition source);
}
