package io.entrasync.run;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.azure.storage.blob.BlobServiceClient;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.DefaultBean;

import io.entrasync.config.SyncConfig;
import io.entrasync.delta.DeltaRuns;
import io.entrasync.ledger.Ledger;
import io.entrasync.state.StateStore;
import io.entrasync.trail.RunTrails;
import io.entrasync.trail.TrailLog;
import io.entrasync.upload.UploadEngines;

/** Builds the drop-a-file processor from {@code sync.*} for the doors that run inside the app (function, run). */
@ApplicationScoped
public class RunWiring {

    /**
     * The application's clock (UTC). The commands that read the time ({@code plan}, {@code status}) take it from
     * here, so a test can give another.
     */
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    InboundFileProcessor inboundFileProcessor(SyncConfig config, BlobServiceClient blobs, StateStore state,
            UploadEngines engines, ObjectMapper mapper, SchemaPreflight schemaPreflight) {
        SyncConfig.Files files = config.files();
        DropZone zone = new DropZone(blobs, files.inboundContainer(), files.processedContainer(),
                files.failedContainer());
        return create(zone, state, new ConfiguredSources(config.sources()), engines, mapper,
                new InboundFileProcessor.Settings(files.maxAttempts(), files.leaseDuration(), files.leaseWait(),
                        Duration.ofSeconds(2)), new Checks(schemaPreflight, true));
    }

    /** The processor over explicit parts, without the schema check (tests that have no job schema to read). */
    public static InboundFileProcessor create(DropZone zone, StateStore state, SourceCatalog sources,
            UploadEngines engines, ObjectMapper mapper, InboundFileProcessor.Settings settings) {
        return create(zone, state, sources, engines, mapper, settings, SchemaPreflight.NONE);
    }

    /**
     * The processor over explicit parts: the demo and the tests build theirs with this too.
     *
     * @param schemaPreflight the schema check at the start of each run ({@code io.entrasync.schema.SchemaService})
     */
    public static InboundFileProcessor create(DropZone zone, StateStore state, SourceCatalog sources,
            UploadEngines engines, ObjectMapper mapper, InboundFileProcessor.Settings settings,
            SchemaPreflight schemaPreflight) {
        return create(zone, state, sources, engines, mapper, settings, new Checks(schemaPreflight, true));
    }

    /**
     * What a run does besides planning and sending: the schema check first, each person's trail throughout (only
     * appended: the trail's compaction runs in the reconcile timer).
     *
     * @param keepTrail false for a run that keeps no trail (the trail's overhead benchmark)
     */
    public record Checks(SchemaPreflight schemaPreflight, boolean keepTrail) {
    }

    /** The processor over explicit parts and checks. */
    public static InboundFileProcessor create(DropZone zone, StateStore state, SourceCatalog sources,
            UploadEngines engines, ObjectMapper mapper, InboundFileProcessor.Settings settings, Checks checks) {
        Clock clock = Clock.systemUTC();
        FileRunStore runs = new FileRunStore(state, mapper);
        return new InboundFileProcessor(new InboundFileProcessor.Storage(zone, state, runs), sources, engines::create,
                new ExtractRun(zone, runs, mapper, clock, new Ledger(state, mapper),
                        new ExtractRun.Consulted(new DeltaRuns(state, mapper, clock), checks.schemaPreflight(),
                                checks.keepTrail() ? new TrailLog(state, mapper, clock) : RunTrails.NONE)),
                settings, clock);
    }
}
