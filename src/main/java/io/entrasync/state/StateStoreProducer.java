package io.entrasync.state;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;

import io.entrasync.config.SyncConfig;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the state store from {@code sync.state.*}: managed identity when an endpoint is set, else a connection string.
 */
@ApplicationScoped
public class StateStoreProducer {

    @Produces
    @ApplicationScoped
    BlobServiceClient blobServiceClient(SyncConfig config) {
        SyncConfig.State state = config.state();
        if (state.blobEndpoint().isPresent()) {
            var identity = new ManagedIdentityCredentialBuilder();
            state.managedIdentityClientId().ifPresent(identity::clientId);
            return new BlobServiceClientBuilder().endpoint(state.blobEndpoint().get())
                    .credential(identity.build()).buildClient();
        }
        return new BlobServiceClientBuilder().connectionString(state.connectionString()).buildClient();
    }

    /**
     * Why the state store is not usable inside the Azure Functions host ({@code FUNCTIONS_WORKER_RUNTIME} set), or
     * empty when it is. There, no {@code sync.state.blob-endpoint} would silently mean the default connection string
     * {@code UseDevelopmentStorage=true}, a storage emulator on localhost that does not exist in Azure; a connection
     * string set explicitly ({@code SYNC_STATE_CONNECTION_STRING}, e.g. Azurite with {@code func start}) is honoured.
     */
    public static Optional<String> problemInFunctionsHost(SyncConfig.State state,
            Map<String, String> environment) {
        if (!environment.containsKey("FUNCTIONS_WORKER_RUNTIME") || state.blobEndpoint().isPresent()
                || environment.containsKey("SYNC_STATE_CONNECTION_STRING")) {
            return Optional.empty();
        }
        return Optional.of("sync.state.blob-endpoint is not set (app setting SYNC_STATE_BLOB_ENDPOINT, "
                + "e.g. https://<account>.blob.core.windows.net): inside the Functions host the state store would "
                + "fall back to UseDevelopmentStorage=true (localhost), which does not exist in Azure. Set it (azd "
                + "provision does), or set SYNC_STATE_CONNECTION_STRING explicitly for a local host with Azurite.");
    }

    @Produces
    @ApplicationScoped
    StateStore stateStore(BlobServiceClient service, SyncConfig config) {
        return new BlobStateStore(service.getBlobContainerClient(config.state().container()));
    }
}
