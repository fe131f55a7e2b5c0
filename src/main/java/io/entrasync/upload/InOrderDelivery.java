package io.entrasync.upload;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Hands finished batches to the upload's listener in plan order, so that checkpoints, ledger and results read the
 * same whatever order the answers came in: a batch's hook runs once every batch sent before it has had its own. Hooks
 * run one at a time, under this object's lock, on the thread that finished the batch that let them go.
 * <p>
 * The first unexpected exception of the upload (a hook's, or one of a call) is kept here: after it, no hook runs any
 * more and the upload throws it to its caller.
 */
final class InOrderDelivery {

    private final List<Integer> order;
    private final Consumer<RuntimeException> onHookFailure;
    private final Map<Integer, Runnable> finishedHooks = new HashMap<>();
    private int nextToDeliver;
    private RuntimeException unexpectedFailure;

    /**
     * @param order the batches in the order they are sent
     * @param onHookFailure told when a hook threw (the upload stops)
     */
    InOrderDelivery(List<Integer> order, Consumer<RuntimeException> onHookFailure) {
        this.order = order;
        this.onHookFailure = onHookFailure;
    }

    /** Queues the hook of a finished batch and runs every hook whose turn has come. */
    synchronized void deliver(int batchIndex, Runnable hook) {
        finishedHooks.put(batchIndex, hook);
        while (nextToDeliver < order.size() && finishedHooks.containsKey(order.get(nextToDeliver))) {
            runHook(finishedHooks.remove(order.get(nextToDeliver++)));
        }
    }

    /** At the end: the hooks still waiting behind a batch that was never sent, in plan order. */
    synchronized void deliverRest() {
        new TreeMap<>(finishedHooks).values().forEach(this::runHook);
        finishedHooks.clear();
    }

    /** Keeps {@code e} as the upload's failure unless an earlier one is kept; later hooks do not run. */
    synchronized void failed(RuntimeException e) {
        if (unexpectedFailure == null) {
            unexpectedFailure = e;
        }
    }

    /** The first unexpected exception of the upload, null when there was none. */
    synchronized RuntimeException unexpectedFailure() {
        return unexpectedFailure;
    }

    private void runHook(Runnable hook) {
        if (unexpectedFailure != null) {
            return;
        }
        try {
            hook.run();
        } catch (RuntimeException e) {
            unexpectedFailure = e;
            onHookFailure.accept(e);
        }
    }
}
