package io.entrasync.functions;

import java.util.List;

import jakarta.inject.Inject;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;

import io.entrasync.run.FileRunResult;
import io.entrasync.run.InboundFileProcessor;

/**
 * Resumes in Azure what waits in the inbound container without a new blob event: on the NCRONTAB schedule in the app
 * setting {@code RESUME_SCHEDULE} (e.g. every ten minutes), every extract whose run the daily quota deferred,
 * once the quota has room again, and every held run once it was approved
 * ({@link InboundFileProcessor#processDue(boolean)}); the others are not downloaded. It also sends the changes that
 * came due with no new extract (an exit date passed: {@link io.entrasync.run.DueRuns}). A new extract is the Event
 * Grid trigger's ({@code inboundFile}), not this timer's.
 *
 * <p>A run to be retried (the service or storage could not be reached) fails the invocation after the others had
 * their turn, so Application Insights counts it; the next schedule tries again.
 */
public class ResumeWaitingFunction {

    @Inject
    InboundFileProcessor processor;

    @FunctionName("resumeWaiting")
    public void run(@TimerTrigger(name = "timer", schedule = "%RESUME_SCHEDULE%") String timerInfo,
            ExecutionContext context) {
        InboundFileProcessor.Sweep sweep;
        try {
            sweep = processor.processDue(true);
        } catch (RuntimeException e) {
            throw FailedInvocation.of(context, "resumeWaiting", e);
        }
        for (FileRunResult result : sweep.processed()) {
            context.getLogger().info(result.blobName() + ": " + result.outcome() + " " + result.message());
        }
        if (!sweep.stillWaiting().isEmpty()) {
            context.getLogger().info("Still waiting (daily quota or approval): " + sweep.stillWaiting());
        }
        List<String> retry = sweep.processed().stream().filter(FileRunResult::retryHelps)
                .map(FileRunResult::blobName).toList();
        if (!retry.isEmpty()) {
            throw new IllegalStateException("resumeWaiting: " + retry + " did not finish and is retried at the next"
                    + " schedule; see the lines above");
        }
    }
}
