package io.entrasync.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.azure.storage.blob.BlobServiceClient;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.config.ApiSourceConfig;
import io.entrasync.config.SyncConfig;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.run.DropZone;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.run.SchemaPreflight;
import io.entrasync.source.rest.ApiPresets;
import io.entrasync.source.rest.RestSource;
import io.entrasync.source.rest.RestSources;
import io.entrasync.state.StateStore;
import io.entrasync.sync.references.ReferenceRules;
import io.entrasync.upload.UploadEngines;

/** Builds the API sync runner from {@code sync.*} for the doors inside the app (timer function, scheduler, sync). */
@ApplicationScoped
public class ApiSyncWiring {

    @Produces
    @ApplicationScoped
    ApiSyncRunner apiSyncRunner(SyncConfig config, BlobServiceClient blobs, StateStore state, UploadEngines engines,
            ObjectMapper mapper, RestSources rest, SchemaPreflight schemaPreflight) {
        SyncConfig.Files files = config.files();
        DropZone spool = new DropZone(blobs, config.api().spoolContainer(), files.processedContainer(),
                files.failedContainer());
        ApiSources apis = new ApiSources() {
            @Override
            public Set<String> names() {
                return rest.names();
            }

            @Override
            public Optional<RestSource> source(String name) {
                return rest.source(name);
            }

            @Override
            public ReferenceRules references(String name) {
                return rest.source(name).map(source -> {
                    ApiSourceConfig api = config.sources().get(name).api().orElseThrow();
                    return ReferenceRules.of(name, api.references(),
                            ApiPresets.defaultReferences(api.preset().orElse("")), source.settings().idField());
                }).orElse(ReferenceRules.NONE);
            }
        };
        ApiSyncRunner.Parts parts = new ApiSyncRunner.Parts(apis, new ConfiguredSources(config.sources()), spool,
                state, engines, mapper);
        return ApiSyncRunner.create(parts, new InboundFileProcessor.Settings(files.maxAttempts(),
                        files.leaseDuration(), files.leaseWait(), Duration.ofSeconds(2)),
                new ApiSyncRunner.Settings(Duration.ofSeconds(30), config.api().leaseWait(), Duration.ofSeconds(2)),
                Clock.systemUTC(), schemaPreflight);
    }
}
