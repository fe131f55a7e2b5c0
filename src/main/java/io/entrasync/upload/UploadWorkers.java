package io.entrasync.upload;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one upload that send its calls and wait for their answers, one per call in flight: daemons named
 * after the upload ({@code upload-<tag>-<n>}), so a thread dump says whose call a thread waits for.
 */
final class UploadWorkers {

    private final ExecutorService pool;

    UploadWorkers(String uploadTag, int maxInFlight) {
        AtomicInteger threadNumber = new AtomicInteger();
        pool = Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread thread = new Thread(r, "upload-" + uploadTag + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void execute(Runnable call) {
        pool.execute(call);
    }

    /**
     * Takes no more calls and waits until every call in flight has ended. An interrupt meanwhile interrupts the calls
     * (they end as interrupted) and is kept on the waiting thread once they have.
     */
    void awaitCallsInFlight() {
        pool.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                pool.shutdownNow();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
