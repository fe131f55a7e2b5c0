package io.entrasync.functions;

import jakarta.inject.Inject;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;

import io.entrasync.config.SyncConfig;
import io.entrasync.run.BlobCreatedEvent;
import io.entrasync.run.FileRunResult;
import io.entrasync.run.InboundFileProcessor;
import io.entrasync.text.Printable;

/**
 * The drop-a-file door: an Event Grid trigger on the storage account's {@code Microsoft.Storage.BlobCreated} events.
 * It hands only the blob's name ({@code <source>/<file>}) to the pipeline, which streams, hashes, re-reads and
 * resumes the blob itself; the host never reads the extract. Other event types and other containers are ignored
 * with a log line; an event that cannot be read fails the invocation (Event Grid redelivers it, then dead-letters
 * it); a name with {@code ..} segments is refused by the processor (moved to {@code failed/}).
 */
public class InboundFileFunction {

    @Inject
    InboundFileProcessor processor;

    @Inject
    SyncConfig config;

    @FunctionName("inboundFile")
    public void run(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        String container = config.files().inboundContainer();
        BlobCreatedEvent.Reading reading = BlobCreatedEvent.read(event, container);
        if (reading instanceof BlobCreatedEvent.Unreadable unreadable) {
            // Never acknowledged: a failed invocation makes Event Grid redeliver it, then dead-letter it.
            throw FailedInvocation.of(context, "Reading the Event Grid event",
                    new IllegalArgumentException(Printable.escape(unreadable.reason())));
        }
        if (reading instanceof BlobCreatedEvent.Ignored ignored) {
            context.getLogger().info("Event ignored: " + Printable.escape(ignored.reason()));
            return;
        }
        String name = ((BlobCreatedEvent.Created) reading).blobName();
        FileRunResult result;
        try {
            result = processor.process(name);
        } catch (RuntimeException e) {
            throw FailedInvocation.of(context, container + "/" + name, e);
        }
        context.getLogger().info(Printable.escape(container + "/" + name + ": " + result.outcome() + " "
                + result.message()));
        if (result.retryHelps()) {
            // Failing the invocation makes Event Grid deliver the event again; the run resumes from its checkpoint.
            throw new IllegalStateException(container + "/" + name + " will be retried: " + result.message());
        }
    }
}
