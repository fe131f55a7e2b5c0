package io.entrasync.emulator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Mutable counters behind {@link EmulatorStats}. */
final class StatsCounter {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final Map<String, Map<String, Long>> records = new TreeMap<>();
    private final Map<String, Long> decisions = new TreeMap<>();

    synchronized void record(String action, String status) {
        records.computeIfAbsent(action, a -> new TreeMap<>()).merge(status, 1L, Long::sum);
    }

    synchronized void decision(String decision) {
        decisions.merge(decision, 1L, Long::sum);
    }

    synchronized EmulatorStats snapshot(int users, int pending) {
        Map<String, Map<String, Long>> r = new TreeMap<>();
        records.forEach((k, v) -> r.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
        return new EmulatorStats(new EmulatorStats.Calls(accepted.get(), throttled.get(), rejected.get(), failed.get()),
                Collections.unmodifiableMap(r), Collections.unmodifiableMap(new TreeMap<>(decisions)), users, pending);
    }

    synchronized void clear() {
        accepted.set(0);
        throttled.set(0);
        rejected.set(0);
        failed.set(0);
        records.clear();
        decisions.clear();
    }
}
