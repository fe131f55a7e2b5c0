package io.entrasync.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import jakarta.inject.Inject;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;

import io.entrasync.sync.ApiSyncResult;
import io.entrasync.sync.ApiSyncRunner;

/**
 * The HR API door in Azure: on the NCRONTAB schedule in the app setting {@code HR_POLL_SCHEDULE} (e.g.
 * {@code 0 0 * * * *}), one sync of every API source ({@code sync.sources.<name>.api.*}) through the same pipeline as
 * dropped files.
 *
 * <p>A sync that a later try can finish (the HR API or the service could not be reached) fails the invocation, so
 * Application Insights counts a failed {@code hrPoll} and alerts can fire; the next schedule resumes it. A final one
 * (the run failed, was held, or waits for quota) is logged as an error or a warning and the invocation succeeds:
 * trying again changes nothing until someone acts.
 */
public class HrPollFunction {

    @Inject
    ApiSyncRunner runner;

    @FunctionName("hrPoll")
    public void run(@TimerTrigger(name = "timer", schedule = "%HR_POLL_SCHEDULE%") String timerInfo,
            ExecutionContext context) {
        List<String> retry = new ArrayList<>();
        for (ApiSyncResult result : runner.syncAll()) {
            if (result.retryHelps()) {
                context.getLogger().warning(result.describe());
                retry.add(result.source());
                continue;
            }
            switch (result.outcome()) {
                case COMPLETED, NOTHING_CHANGED, BUSY -> context.getLogger().info(result.describe());
                case FAILED -> context.getLogger().log(Level.SEVERE, result.describe());
                default -> context.getLogger().warning(result.describe()); // held, deferred: waiting, not failing
            }
        }
        if (!retry.isEmpty()) {
            throw new IllegalStateException("HR sync of " + retry + " did not finish and is retried at the next "
                    + "schedule; see the warnings above");
        }
    }
}
