package io.entrasync.functions.customhandler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.config.SyncConfig;
import io.entrasync.reconcile.PassResult;
import io.entrasync.reconcile.Reconciler;
import io.entrasync.run.BlobCreatedEvent;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.sync.ApiSyncResult;
import io.entrasync.sync.ApiSyncRunner;

/**
 * The three functions behind the custom-handler door, calling the same pipeline entry points as the Java-worker
 * classes in {@code io.entrasync.functions}: {@link InboundFileProcessor#process(String)} for a new extract,
 * {@link ApiSyncRunner#syncAll()} for the HR poll timer, {@link Reconciler#reconcileAll()} for the reconcile timer.
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

    @Inject
    ObjectMapper mapper;

    /** {@code inboundFile}: an Event Grid BlobCreated event for {@code inbound/<source>/<file>}. */
    Invocation inboundFile(InvocationRequest request) {
        String inbound = config.files().inboundContainer();
        BlobCreatedEvent.Reading reading;
        try {
            reading = BlobCreatedEvent.read(event(request.data().get(EVENT_BINDING)), inbound);
        } catch (IllegalArgumentException e) {
            reading = new BlobCreatedEvent.Ignored(e.getMessage());
        }
        if (reading instanceof BlobCreatedEvent.Ignored ignored) {
            // A re-delivery cannot fix an event that is not for this function: say why and let it go.
            LOG.warnf("inboundFile: event ignored: %s", ignored.reason());
            return Invocation.succeeded(List.of("event ignored: " + ignored.reason()));
        }
        String blobName = ((BlobCreatedEvent.Created) reading).blobName();
        FileRunResult result = processor.process(blobName);
        String log = inbound + "/" + blobName + ": " + result.outcome() + " " + result.message();
        LOG.info("inboundFile: " + log);
        if (result.outcome() == FileRunResult.Outcome.RETRY_LATER) {
            // A failed invocation makes Event Grid deliver the event again; the run resumes from its checkpoint.
            return Invocation.failed(log + " (will be retried)");
        }
        return Invocation.succeeded(List.of(log));
    }

    /** {@code hrPoll}: one sync of every HR API source, as {@code HrPollFunction}. */
    Invocation hrPoll(InvocationRequest request) {
        List<String> logs = new ArrayList<>();
        for (ApiSyncResult result : syncRunner.syncAll()) {
            logs.add(result.describe());
            if (result.succeeded()) {
                LOG.info("hrPoll: " + result.describe());
            } else {
                LOG.warn("hrPoll: " + result.describe());
            }
        }
        return Invocation.succeeded(logs);
    }

    /** {@code reconcile}: one reconciliation pass over every source, as {@code ReconcileFunction}. */
    Invocation reconcile(InvocationRequest request) throws InterruptedException {
        List<String> logs = new ArrayList<>();
        for (PassResult result : reconciler.reconcileAll()) {
            logs.add(result.describe());
            LOG.info("reconcile: " + result.describe());
        }
        return Invocation.succeeded(logs);
    }

    /** The host may hand the event over as a JSON object or as its JSON text. */
    private JsonNode event(JsonNode data) {
        if (data != null && data.isTextual()) {
            try {
                return mapper.readTree(data.asText());
            } catch (IOException e) {
                throw new IllegalArgumentException("the '" + EVENT_BINDING + "' binding is text but not JSON");
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("the request has no Data." + EVENT_BINDING
                    + " (the eventGridTrigger binding's name in function.json)");
        }
        return data;
    }
}
