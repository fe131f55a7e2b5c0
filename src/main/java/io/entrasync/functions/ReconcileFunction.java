package io.entrasync.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import jakarta.inject.Inject;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;

import io.entrasync.reconcile.PassResult;
import io.entrasync.reconcile.Reconciler;

/**
 * The reconciliation door in Azure: on the NCRONTAB schedule in the app setting {@code RECONCILE_SCHEDULE} (e.g.
 * <code>0 *&#47;5 * * * *</code>), one pass over every source: provisioning logs, re-sends, reports.
 *
 * <p>A source whose pass broke (storage or Graph unreachable) fails the invocation after every other source had its
 * pass; the next schedule tries again. A stopped provisioning job is final until an admin acts: logged as an error,
 * the invocation succeeds.
 */
public class ReconcileFunction {

    @Inject
    Reconciler reconciler;

    @FunctionName("reconcile")
    public void run(@TimerTrigger(name = "timer", schedule = "%RECONCILE_SCHEDULE%") String timerInfo,
            ExecutionContext context) throws InterruptedException {
        List<String> broken = new ArrayList<>();
        for (String source : reconciler.sourceNames()) {
            try {
                PassResult result = reconciler.reconcile(source);
                if (result.cause().isEmpty()) {
                    context.getLogger().info(result.describe());
                } else {
                    context.getLogger().log(Level.SEVERE, result.describe());
                }
            } catch (RuntimeException e) {
                context.getLogger().log(Level.WARNING, "Reconciliation of source " + source + " failed: "
                        + e.getMessage() + "; it is tried again at the next pass");
                broken.add(source);
            }
        }
        if (!broken.isEmpty()) {
            throw new IllegalStateException("Reconciliation of " + broken + " failed and is retried at the next pass");
        }
    }
}
