package io.entrasync.functions;

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
 */
public class HrPollFunction {

    @Inject
    ApiSyncRunner runner;

    @FunctionName("hrPoll")
    public void run(@TimerTrigger(name = "timer", schedule = "%HR_POLL_SCHEDULE%") String timerInfo,
            ExecutionContext context) {
        for (ApiSyncResult result : runner.syncAll()) {
            if (result.succeeded()) {
                context.getLogger().info(result.describe());
            } else {
                context.getLogger().warning(result.describe());
            }
        }
    }
}
