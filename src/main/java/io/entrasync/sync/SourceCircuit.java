package io.entrasync.sync;

import java.time.Instant;
import java.util.Optional;

import io.entrasync.source.rest.ApiSettings;
import io.entrasync.source.rest.CircuitSettings;

/**
 * The per-source circuit breaker of the HR API syncs, over {@link SyncState.Circuit} in blob state: after
 * {@code circuit.failures} failed reads in a row the source is not read again until {@code circuit.open-for} has
 * passed; then one read is tried, and if it fails too the source is left alone for another {@code open-for}. A read
 * that succeeds closes it. A pending spool is still resumed while it is open: that needs the provisioning service,
 * not the HR API.
 */
final class SourceCircuit {

    private static final int ERROR_CHARS = 400;

    private SourceCircuit() {
    }

    /** When the next read may be tried, if that is still to come. */
    static Optional<Instant> closedUntil(SyncState state, Instant now) {
        SyncState.Circuit circuit = state.circuit();
        if (circuit == null || circuit.nextAttemptAt() == null || !now.isBefore(circuit.nextAttemptAt())) {
            return Optional.empty();
        }
        return Optional.of(circuit.nextAttemptAt());
    }

    /**
     * One more failed read. The error is kept in blob state and shown by {@code status}, so the source's secrets are
     * scrubbed from it first (an HR API or a token endpoint may echo them).
     */
    static SyncState failed(SyncState state, ApiSettings api, String error, Instant now) {
        CircuitSettings settings = api.circuit();
        int failed = (state.circuit() == null ? 0 : state.circuit().failedReads()) + 1;
        Instant next = failed >= settings.failures() ? now.plus(settings.openFor()) : null;
        String scrubbed = api.auth().scrubber().scrub(error);
        String text = scrubbed == null ? "" : scrubbed.length() > ERROR_CHARS ? scrubbed.substring(0, ERROR_CHARS)
                + "…" : scrubbed;
        return state.withCircuit(new SyncState.Circuit(failed, now, text, next));
    }

    static SyncState succeeded(SyncState state) {
        return state.withCircuit(null);
    }

    /** One line for people ({@code status}): whether the HR API is read, and when it is tried next if not. */
    static String describe(SyncState state, CircuitSettings settings, Instant now) {
        SyncState.Circuit circuit = state.circuit();
        if (circuit == null) {
            return "HR API: reading normally (paused after " + settings.failures() + " failed reads in a row)";
        }
        String last = "last failure " + circuit.lastFailureAt() + ": " + circuit.lastError();
        Optional<Instant> until = closedUntil(state, now);
        if (until.isPresent()) {
            return "HR API: paused after " + circuit.failedReads() + " failed reads in a row; next attempt at "
                    + until.get() + " (" + last + ")";
        }
        if (circuit.nextAttemptAt() != null) {
            return "HR API: paused after " + circuit.failedReads() + " failed reads in a row; the next sync tries "
                    + "again (due since " + circuit.nextAttemptAt() + "; " + last + ")";
        }
        return "HR API: " + circuit.failedReads() + " failed read(s) in a row, paused after " + settings.failures()
                + " (" + last + ")";
    }
}
