package io.entrasync.functions.customhandler;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.entrasync.config.SyncConfig;
import io.entrasync.reconcile.PassResult;
import io.entrasync.reconcile.Reconciler;
import io.entrasync.run.BlobCreatedEvent;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.sync.ApiSyncResult;
import io.entrasync.sync.ApiSyncRunner;
import io.entrasync.text.Printable;

/**
 * The four functions behind the custom-handler door, calling the same pipeline entry points as the Java-worker
 * classes in {@code io.entrasync.functions}: {@link InboundFileProcessor#process(String)} for a new extract,
 * {@link ApiSyncRunner#syncAll()} for the HR poll timer, {@link Reconciler#reconcile(String)} per source for the
 * reconcile timer, {@link InboundFileProcessor#processDue(boolean)} for the resumeWaiting timer. Each fails the
 * invocation where the Java worker's does: where a retry helps.
 * The binding names match {@code functions/custom-handler/<function>/function.json}.
 */
@ApplicationScoped
public class CustomHandlerFunctions {

    /** {@code function.json} names of the bindings. */
    static final String EVENT_BINDING = "event";

    private static final Logger LOG = Logger.getLogger(CustomHandlerFunctions.class);

    @Inject
    InboundFileProcessor processor;

    @Inject
    ApiSyncRunner syncRunner;

    @Inject
    Reconciler reconciler;

    @Inject
    SyncConfig config;

    /** {@code inboundFile}: an Event Grid BlobCreated event for {@code inbound/<source>/<file>}. */
    Invocation inboundFile(InvocationRequest request) {
        String inbound = config.files().inboundContainer();
        JsonNode event = request.data().get(EVENT_BINDING);
        BlobCreatedEvent.Reading reading = event == null
                ? new BlobCreatedEvent.Unreadable("the request has no Data." + EVENT_BINDING
                        + " (the eventGridTrigger binding's name in function.json)")
                : BlobCreatedEvent.read(event, inbound);
        if (reading instanceof BlobCreatedEvent.Unreadable unreadable) {
            // Never acknowledged: a failed invocation makes Event Grid redeliver it, then dead-letter it.
            String line = "inboundFile: the event could not be read, the invocation fails so that Event Grid"
                    + " delivers it again (then dead-letters it): " + Printable.escape(unreadable.reason());
            LOG.error(line);
            return Invocation.failed(line);
        }
        if (reading instanceof BlobCreatedEvent.Ignored ignored) {
            // A re-delivery cannot fix an event that is not for this function: say why and let it go.
            LOG.warnf("inboundFile: event ignored: %s", Printable.escape(ignored.reason()));
            return Invocation.succeeded(List.of("event ignored: " + Printable.escape(ignored.reason())));
        }
        String blobName = ((BlobCreatedEvent.Created) reading).blobName();
        FileRunResult result = processor.process(blobName);
        String log = Printable.escape(inbound + "/" + blobName + ": " + result.outcome() + " " + result.message());
        LOG.info("inboundFile: " + log);
        if (result.retryHelps()) {
            // A failed invocation makes Event Grid deliver the event again; the run resumes from its checkpoint.
            return Invocation.failed(log + " (will be retried)");
        }
        return Invocation.succeeded(List.of(log));
    }

    /**
     * {@code hrPoll}: one sync of every HR API source, as {@code HrPollFunction}: a sync a later try can finish fails
     * the invocation (the host counts it; the next schedule resumes it).
     */
    Invocation hrPoll(InvocationRequest request) {
        List<String> logs = new ArrayList<>();
        boolean retry = false;
        for (ApiSyncResult result : syncRunner.syncAll()) {
            logs.add(result.describe());
            retry |= result.retryHelps();
            if (result.succeeded()) {
                LOG.info("hrPoll: " + result.describe());
            } else {
                LOG.warn("hrPoll: " + result.describe());
            }
        }
        if (retry) {
            logs.add("hrPoll: a sync did not finish and is retried at the next schedule");
        }
        return Invocation.of(retry, logs);
    }

    /**
     * {@code reconcile}: one reconciliation pass over every source, as {@code ReconcileFunction}: a source whose pass
     * broke fails the invocation after every other source had its pass.
     */
    Invocation reconcile(InvocationRequest request) throws InterruptedException {
        List<String> logs = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (String source : reconciler.sourceNames()) {
            try {
                PassResult result = reconciler.reconcile(source);
                logs.add(result.describe());
                LOG.info("reconcile: " + result.describe());
            } catch (RuntimeException e) {
                String line = "Reconciliation of source " + source + " failed: " + e.getMessage()
                        + "; it is tried again at the next pass";
                logs.add(line);
                LOG.warn("reconcile: " + line);
                broken.add(source);
            }
        }
        return Invocation.of(!broken.isEmpty(), logs);
    }

    /**
     * {@code resumeWaiting}: the deferred runs whose quota has room again and the approved held runs, as
     * {@code ResumeWaitingFunction}; a run to be retried fails the invocation.
     */
    Invocation resumeWaiting(InvocationRequest request) {
        InboundFileProcessor.Sweep sweep = processor.processDue(true);
        List<String> logs = new ArrayList<>();
        for (FileRunResult result : sweep.processed()) {
            String line = result.blobName() + ": " + result.outcome() + " " + result.message();
            logs.add(line);
            LOG.info("resumeWaiting: " + line);
        }
        if (!sweep.stillWaiting().isEmpty()) {
            logs.add("still waiting (daily quota or approval): " + sweep.stillWaiting());
        }
        return Invocation.of(sweep.processed().stream().anyMatch(FileRunResult::retryHelps), logs);
    }

}
