package io.entrasync.schema;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.entrasync.job.GraphJobClient;
import io.entrasync.job.JobApiException;
import io.entrasync.job.JobClients;
import io.entrasync.report.RunReport;
import io.entrasync.run.SchemaPreflight;
import io.entrasync.run.SourceDefinition;
import java.util.Optional;

/**
 * Reads a source's job schema and checks (or extends) it against the source's mapping; as the run's
 * {@link SchemaPreflight}, the check at the start of every run.
 */
@ApplicationScoped
public class SchemaService implements SchemaPreflight {

    private final JobClients clients;

    @Inject
    public SchemaService(JobClients clients) {
        this.clients = clients;
    }

    /**
     * The check of {@code source}'s mapping against its job's schema.
     *
     * @throws SchemaUnreadableException when the schema cannot be read or has no recognisable API source directory
     */
    public SchemaCheck check(SourceDefinition source) {
        Read read = read(source);
        return SchemaCheck.of(source.name(), read.client().jobId(), read.api(), SentAttribute.of(source.mapping()));
    }

    /** The check when the job is reachable; a reason instead when it is not (never throws for that). */
    public Preflight preflight(SourceDefinition source) {
        try {
            return new Preflight(Optional.of(check(source)), "");
        } catch (SchemaUnreadableException e) {
            return new Preflight(Optional.empty(), e.getMessage());
        }
    }

    /** The check for the run report; an unreadable schema is a note with the reason (the run goes on). */
    @Override
    public RunReport.Schema forRun(SourceDefinition source) {
        return preflight(source).toReport(source.upload().target().jobId());
    }

    /** What {@code schema push} would add (nothing is written). */
    public SchemaPush plan(SourceDefinition source) {
        Read read = read(source);
        return SchemaPush.plan(read.api(), SentAttribute.of(source.mapping()));
    }

    /**
     * Adds the missing custom attributes with {@code PUT .../schema}; every other part of the schema is sent back
     * exactly as read. Nothing is written when nothing is missing.
     *
     * @throws JobApiException when the write is refused (a 403 names {@code Synchronization.ReadWrite.All})
     */
    public SchemaPush apply(SourceDefinition source) {
        Read read = read(source);
        SchemaPush push = SchemaPush.plan(read.api(), SentAttribute.of(source.mapping()));
        if (!push.missing().isEmpty()) {
            read.client().putSchema(push.applyTo(read.schema(), read.api()));
        }
        return push;
    }

    /** The check's outcome at the start of validate, plan or a run. */
    public record Preflight(Optional<SchemaCheck> check, String unreadable) {

        RunReport.Schema toReport(String jobId) {
            return check.map(SchemaCheck::toReport).orElseGet(() -> RunReport.Schema.notDone(jobId, unreadable));
        }
    }

    private record Read(GraphJobClient client, ObjectNode schema, ApiSourceSchema api) {
    }

    private Read read(SourceDefinition source) {
        GraphJobClient client = clients.forSource(source.upload());
        ObjectNode schema;
        try {
            schema = client.schema();
        } catch (JobApiException e) {
            throw new SchemaUnreadableException(e.getMessage());
        }
        try {
            return new Read(client, schema, ApiSourceSchema.of(schema));
        } catch (IllegalArgumentException e) {
            throw new SchemaUnreadableException("The schema of job " + client.jobId() + " cannot be checked: "
                    + e.getMessage());
        }
    }
}
