package io.entrasync.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * The standalone runner's door: looks for extracts in the inbound container on a schedule and processes each one
 * through the same processor as the blob trigger; a deferred or held extract is left alone until it is due
 * ({@link InboundFileProcessor#processDue(boolean)}). The scheduler starts halted; only the {@code run} command
 * resumes it, so inside Azure Functions (where the Event Grid trigger and the resumeWaiting timer do this job) it
 * never fires.
 */
@ApplicationScoped
public class InboundPoller {

    private static final Logger LOG = Logger.getLogger(InboundPoller.class);

    @Inject
    InboundFileProcessor processor;

    @Scheduled(every = "${sync.files.poll-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "inbound-poller")
    void poll() {
        // A deferred or held extract is not downloaded and planned again at every poll: it waits until it is due.
        InboundFileProcessor.Sweep sweep = processor.processDue(false);
        for (FileRunResult result : sweep.processed()) {
            LOG.infof("inbound/%s: %s %s", result.blobName(), result.outcome(), result.message());
        }
        if (!sweep.stillWaiting().isEmpty()) {
            LOG.debugf("still waiting (daily quota or approval): %s", sweep.stillWaiting());
        }
    }
}
