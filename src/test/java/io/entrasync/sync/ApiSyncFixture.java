package io.entrasync.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.delta.DeltaSettings;
import io.entrasync.emulator.ProvisioningEmulator;
import io.entrasync.graph.RetryPolicy;
import io.entrasync.reconcile.ReconcileSettings;
import io.entrasync.reconcile.Reconciler;
import io.entrasync.run.ConfiguredSources;
import io.entrasync.run.DropZone;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.run.SchemaPreflight;
import io.entrasync.run.SourceCatalog;
import io.entrasync.run.SourceDefinition;
import io.entrasync.source.ExtractOptions;
import io.entrasync.source.rest.RestSource;
import io.entrasync.state.BlobStateStore;
import io.entrasync.state.StateStore;
import io.entrasync.sync.references.ReferenceRules;
import io.entrasync.support.EmulatorUploads;
import io.entrasync.support.TestAzurite;
import io.entrasync.trail.TrailSettings;
import io.entrasync.upload.UploadEngines;
import io.entrasync.upload.UploadSettings;
import io.entrasync.support.PlainTokens;

/**
 * Source {@code sf} (the SuccessFactors preset against a WireMock stub, samples/mappings/successfactors-user.yaml)
 * uploading to the emulator, with its spool, processed and failed containers and state in fresh Azurite containers.
 */
final class ApiSyncFixture {

    static final String MAPPING = "samples/mappings/successfactors-user.yaml";

    final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    final BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(TestAzurite.connectionString())
            .buildClient();
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final DropZone spool = new DropZone(blobs, "spool-" + suffix, "processed-" + suffix, "failed-" + suffix);
    final BlobStateStore state = new BlobStateStore(blobs.getBlobContainerClient("state-" + suffix));
    final SuccessFactorsStub api;
    final String source;
    private final String mappingPath;
    private final Supplier<RestSource> restSource;
    private ReferenceRules references = ReferenceRules.NONE;
    private UploadSettings upload;
    private DeltaSettings delta = DeltaSettings.DEFAULT;

    ApiSyncFixture(ProvisioningEmulator emulator, SuccessFactorsStub api) {
        this(emulator, SuccessFactorsStub.SOURCE, MAPPING, api, api::source);
    }

    /** Source {@code source}, read by {@code restSource} (a new client per runner) and mapped by {@code mapping}. */
    ApiSyncFixture(ProvisioningEmulator emulator, String source, String mapping, Supplier<RestSource> restSource) {
        this(emulator, source, mapping, null, restSource);
    }

    private ApiSyncFixture(ProvisioningEmulator emulator, String source, String mapping, SuccessFactorsStub api,
            Supplier<RestSource> restSource) {
        this.api = api;
        this.source = source;
        this.mappingPath = mapping;
        this.restSource = restSource;
        this.upload = EmulatorUploads.settings(emulator, source, "tenant-" + suffix,
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    /** The source's references between records ({@code api.references}). */
    ApiSyncFixture withReferences(ReferenceRules rules) {
        references = rules;
        return this;
    }

    ApiSyncFixture withUpload(UnaryOperator<UploadSettings> change) {
        upload = change.apply(upload);
        return this;
    }

    /** Delta settings of the source, e.g. {@code DeltaSettings.DEFAULT.withFullExtract(true)}. */
    ApiSyncFixture withDelta(DeltaSettings settings) {
        delta = settings;
        return this;
    }

    ApiSyncFixture withDailyCalls(int calls) {
        return withUpload(u -> u.withDailyCalls(calls));
    }

    ApiSyncRunner runner() {
        return runner(state);
    }

    /** The reconciler of this source's runs, keeping the trail with {@code trail} ({@code sync.trail.*}). */
    Reconciler reconciler(TrailSettings trail) {
        return Reconciler.create(new Reconciler.Storage(state, spool.processed(), trail),
                new UploadEngines(state, mapper, PlainTokens.clientSecret()), mapper, ReconcileSettings.DEFAULT
                        .withWaitPoll(Duration.ofMillis(200)), upload);
    }

    ApiSyncRunner runner(StateStore store) {
        return runner(store, Clock.systemUTC());
    }

    /** A runner as a fresh Functions instance would build it: a new HR API client, state only in blobs. */
    ApiSyncRunner runner(Clock clock) {
        return runner(state, clock);
    }

    private ApiSyncRunner runner(StateStore store, Clock clock) {
        return runner(store, clock, SchemaPreflight.NONE);
    }

    /** A runner whose spool runs start with {@code preflight}, as the app's wiring hands them the schema check. */
    ApiSyncRunner runner(SchemaPreflight preflight) {
        return runner(state, Clock.systemUTC(), preflight);
    }

    private ApiSyncRunner runner(StateStore store, Clock clock, SchemaPreflight preflight) {
        UploadEngines engines = new UploadEngines(store, mapper, PlainTokens.clientSecret());
        return ApiSyncRunner.create(new ApiSyncRunner.Parts(apis(), catalog(), spool, store, engines, mapper),
                InboundFileProcessor.Settings.DEFAULT,
                new ApiSyncRunner.Settings(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMillis(50)), clock,
                preflight);
    }

    ApiSources apis() {
        RestSource rest = restSource.get();
        return new ApiSources() {
            @Override
            public Set<String> names() {
                return Set.of(source);
            }

            @Override
            public Optional<RestSource> source(String name) {
                return source.equals(name) ? Optional.of(rest) : Optional.empty();
            }

            @Override
            public ReferenceRules references(String name) {
                return references;
            }
        };
    }

    SourceCatalog catalog() {
        SourceDefinition definition = new SourceDefinition(source, ConfiguredSources.loadMapping(mappingPath),
                ExtractOptions.defaults(), upload, delta);
        return new SourceCatalog() {
            @Override
            public Optional<SourceDefinition> find(String name) {
                return source.equals(name) ? Optional.of(definition) : Optional.empty();
            }

            @Override
            public Set<String> names() {
                return Set.of(source);
            }
        };
    }

    SyncState syncState() {
        return new SyncStateStore(state, mapper).load(source).state();
    }

    void storeWatermark(String watermark) {
        SyncStateStore store = new SyncStateStore(state, mapper);
        store.save(store.load(source), new SyncState(watermark, null, null, null, null));
    }

    List<String> spooled() {
        return spool.inbound().listBlobs().stream().map(BlobItem::getName).toList();
    }

    String processedText(String name) {
        return spool.processed().getBlobClient(name).downloadContent().toString();
    }
}
