package io.entrasync.reconcile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * The standalone runner's reconciliation door: one pass over every source every {@code sync.reconcile.every}. The
 * scheduler starts halted; only the {@code run} command resumes it, so inside Azure Functions (where the
 * {@code reconcile} timer function does this job) it never fires.
 */
@ApplicationScoped
public class ReconcileScheduler {

    private static final Logger LOG = Logger.getLogger(ReconcileScheduler.class);

    @Inject
    Reconciler reconciler;

    @Scheduled(every = "${sync.reconcile.every:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "reconciler")
    void reconcile() {
        try {
            reconciler.reconcileAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("Reconciliation interrupted (shutdown); it resumes at the next pass");
        }
    }
}
