package io.entrasync.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The moments the service counted bulkUpload calls, over every job of the tenant: what a test or benchmark needs to
 * check that several clients together stayed within a window (the per-job limiter only sees its own job).
 */
public final class CallArrivals {
    private final List<Instant> arrivals = new ArrayList<>();
    private long lostAnswers;

    CallArrivals() {
    }

    synchronized void record(Instant at) {
        arrivals.add(at);
    }

    synchronized void lostAnswer() {
        lostAnswers++;
    }

    synchronized void clear() {
        arrivals.clear();
        lostAnswers = 0;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(arrivals), lostAnswers);
    }

    /**
     * @param arrivals when each call reached the service, in arrival order
     * @param lostAnswers accepted calls whose answer was dropped on purpose
     */
    public record Snapshot(List<Instant> arrivals, long lostAnswers) {

        /** The most calls that arrived within any sliding {@code window}. */
        public int maxInAnyWindow(Duration window) {
            int max = 0;
            int from = 0;
            for (int to = 0; to < arrivals.size(); to++) {
                while (!arrivals.get(from).plus(window).isAfter(arrivals.get(to))) {
                    from++;
                }
                max = Math.max(max, to - from + 1);
            }
            return max;
        }
    }
}
