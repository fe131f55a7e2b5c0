package io.entrasync.functions.customhandler;

import java.util.List;

/** How one function invocation ended: its log lines, and whether the host should count it as failed (and retry). */
record Invocation(boolean failed, List<String> logs) {

    static Invocation succeeded(List<String> logs) {
        return new Invocation(false, List.copyOf(logs));
    }

    static Invocation failed(String log) {
        return new Invocation(true, List.of(log));
    }

    /** Succeeded, or failed when {@code retryHelps}: the host counts it (and alerts fire); the next one retries. */
    static Invocation of(boolean retryHelps, List<String> logs) {
        return new Invocation(retryHelps, List.copyOf(logs));
    }
}
