package io.entrasync.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * The standalone runner's door: looks for extracts in the inbound container on a schedule and processes each one
 * through the same processor as the blob trigger. The scheduler starts halted; only the {@code run} command resumes
 * it, so inside Azure Functions (where the blob trigger does this job) it never fires.
 */
@ApplicationScoped
public class InboundPoller {

    private static final Logger LOG = Logger.getLogger(InboundPoller.class);

    @Inject
    InboundFileProcessor processor;

    @Scheduled(every = "${sync.files.poll-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "inbound-poller")
    void poll() {
        for (String blobName : processor.waiting()) {
            try {
                FileRunResult result = processor.process(blobName);
                LOG.infof("inbound/%s: %s %s", blobName, result.outcome(), result.message());
            } catch (RuntimeException e) {
                LOG.errorf(e, "inbound/%s could not be processed now; it is tried again at the next poll", blobName);
            }
        }
    }
}
