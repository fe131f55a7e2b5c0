package io.entrasync.functions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.entrasync.config.SyncConfig;
import io.entrasync.state.StateStoreProducer;
import io.quarkus.runtime.StartupEvent;

/** Stops the start-up inside the Functions host when the state store is not configured for Azure. */
@ApplicationScoped
class FunctionsHostStartup {

    void check(@Observes StartupEvent started, SyncConfig config) {
        StateStoreProducer.problemInFunctionsHost(config.state(), System.getenv()).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
    }
}
