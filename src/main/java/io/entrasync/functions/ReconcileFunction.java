package io.entrasync.functions;

import jakarta.inject.Inject;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;

import io.entrasync.reconcile.PassResult;
import io.entrasync.reconcile.Reconciler;

/**
 * The reconciliation door in Azure: on the NCRONTAB schedule in the app setting {@code RECONCILE_SCHEDULE} (e.g.
 * {@code 0 *&#47;5 * * * *}), one pass over every source: provisioning logs, re-sends, reports.
 */
public class ReconcileFunction {

    @Inject
    Reconciler reconciler;

    @FunctionName("reconcile")
    public void run(@TimerTrigger(name = "timer", schedule = "%RECONCILE_SCHEDULE%") String timerInfo,
            ExecutionContext context) throws InterruptedException {
        for (PassResult result : reconciler.reconcileAll()) {
            context.getLogger().info(result.describe());
        }
    }
}
