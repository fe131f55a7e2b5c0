package io.entrasync.state;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;

import io.entrasync.config.SyncConfig;

/** Builds the state store from {@code sync.state.*}: managed identity when an endpoint is set, else a connection string. */
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

    @Produces
    @ApplicationScoped
    StateStore stateStore(BlobServiceClient service, SyncConfig config) {
        return new BlobStateStore(service.getBlobContainerClient(config.state().container()));
    }
}
