package io.entrasync.upload;

import java.util.Optional;
import java.util.function.Supplier;

import io.entrasync.graph.CallGate;

/**
 * The gate of one bulkUpload call's attempts: the first attempt uses the pass the dispatcher took, retries take their
 * own from the upload's gate (pacing and quota each time). No attempt leaves once the run's lease is lost, and no retry
 * once the upload is stopping.
 */
final class AttemptGate implements CallGate {

    private final CallGate retries;
    private final UploadListener listener;
    private final Supplier<Optional<StopRequested>> stopping;
    private CallGate.Pass first;

    /**
     * @param first the pass the dispatcher took for the first attempt
     * @param retries where a retry takes its pass
     * @param listener asked before every attempt whether the run's lease is lost
     * @param stopping the upload's stop, when it is stopping
     */
    AttemptGate(CallGate.Pass first, CallGate retries, UploadListener listener,
            Supplier<Optional<StopRequested>> stopping) {
        this.first = first;
        this.retries = retries;
        this.listener = listener;
        this.stopping = stopping;
    }

    @Override
    public Pass enter() throws InterruptedException {
        Optional<String> leaseLost = listener.leaseLostReason();
        if (leaseLost.isPresent()) {
            throw new StopRequested(UploadResult.Stop.LEASE_LOST, leaseLost.get());
        }
        if (first != null) {
            Pass pass = first;
            first = null;
            return pass;
        }
        Optional<StopRequested> stop = stopping.get();
        if (stop.isPresent()) {
            throw stop.get();
        }
        return retries.enter();
    }

    /** After the call: a first pass no attempt used gives its window slot and quota unit back. */
    void giveBackIfUnused() {
        if (first != null) {
            giveBack(first);
            first = null;
        }
    }

    /** Gives a pass that carried no call back: its window slot and quota unit are free again. */
    static void giveBack(CallGate.Pass pass) {
        pass.unused();
        pass.close();
    }
}
