package io.entrasync.functions;

import jakarta.inject.Inject;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.BlobTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;

import io.entrasync.run.FileRunResult;
import io.entrasync.run.InboundFileProcessor;

/**
 * The drop-a-file door: runs when an extract lands in the inbound container ({@code <source>/<file>}). On Flex
 * Consumption the blob trigger must use Event Grid as its source. The bound content is not used: the pipeline
 * streams the blob itself so that it can hash, re-read and resume it.
 */
public class InboundFileFunction {

    @Inject
    InboundFileProcessor processor;

    @FunctionName("inboundFile")
    public void run(
            @BlobTrigger(name = "content", dataType = "binary", path = "%SYNC_FILES_INBOUND_CONTAINER%/{name}",
                    connection = "SYNC_STORAGE", source = "EventGrid") byte[] content,
            @BindingName("name") String name,
            ExecutionContext context) {
        FileRunResult result = processor.process(name);
        context.getLogger().info("inbound/" + name + ": " + result.outcome() + " " + result.message());
        if (result.outcome() == FileRunResult.Outcome.RETRY_LATER) {
            // Failing the invocation makes the host deliver the blob again; the run resumes from its checkpoint.
            throw new IllegalStateException("inbound/" + name + " will be retried: " + result.message());
        }
    }
}
