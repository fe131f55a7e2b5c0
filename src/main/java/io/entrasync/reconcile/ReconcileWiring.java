package io.entrasync.reconcile;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.config.SyncConfig;
import io.entrasync.state.StateStore;
import io.entrasync.trail.TrailSettings;
import io.entrasync.upload.UploadEngines;
import io.entrasync.upload.UploadOverrides;
import io.entrasync.upload.UploadSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/** Builds the reconciler from {@code sync.*} for the doors (timer function, scheduler, commands, demo). */
@ApplicationScoped
public class ReconcileWiring {

    @Produces
    @ApplicationScoped
    Reconciler reconciler(SyncConfig config, BlobServiceClient blobs, StateStore state, UploadEngines engines,
            ObjectMapper mapper, Instance<MeterRegistry> registry) {
        BlobContainerClient processed = blobs.getBlobContainerClient(config.files().processedContainer());
        ReconcileSources sources = ReconcileSources.of(config.sources().keySet(), name -> UploadSettings.resolve(name,
                Optional.of(config.sources().get(name)), UploadOverrides.NONE));
        MeterRegistry meters = registry.isResolvable() ? registry.get() : Metrics.globalRegistry;
        return new Reconciler(new Reconciler.Storage(state, processed,
                TrailSettings.from(config.trail())), sources, GraphAccess.of(engines), mapper,
                ReconcileSettings.from(config.reconcile()), new ReconcileMetrics(meters), Clock.systemUTC());
    }
}
