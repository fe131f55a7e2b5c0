package io.entrasync.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * The standalone runner's HR API door: one sync of every API source every {@code sync.api.poll-every}. The scheduler
 * starts halted; only the {@code run} command resumes it, so inside Azure Functions (where the {@code hrPoll} timer
 * function does this job) it never fires.
 */
@ApplicationScoped
public class ApiSyncScheduler {

    private static final Logger LOG = Logger.getLogger(ApiSyncScheduler.class);

    @Inject
    ApiSyncRunner runner;

    @Scheduled(every = "${sync.api.poll-every:15m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "api-sync")
    void poll() {
        for (ApiSyncResult result : runner.syncAll()) {
            if (result.succeeded()) {
                LOG.info(result.describe());
            } else {
                LOG.warn(result.describe());
            }
        }
    }
}
