package io.entrasync.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.entrasync.state.LeaseUnavailableException;
import io.entrasync.state.StateStore;

/** The lease that lets one sync of a source run at a time ({@code <source>/api-sync.lease} in the state store). */
final class SyncLease {

    private SyncLease() {
    }

    /**
     * Takes the source's sync lease, waiting up to {@link ApiSyncRunner.Settings#leaseWait()} for another sync.
     *
     * @return empty when another sync still holds it after the wait (or the thread was interrupted)
     */
    static Optional<StateStore.Lease> acquire(StateStore state, String source, ApiSyncRunner.Settings settings,
            Clock clock) {
        Instant deadline = clock.instant().plus(settings.leaseWait());
        String path = source + "/api-sync.lease";
        while (true) {
            try {
                return Optional.of(state.acquireLease(path, settings.leaseDuration()));
            } catch (LeaseUnavailableException busy) {
                if (clock.instant().isAfter(deadline)) {
                    return Optional.empty();
                }
                try {
                    Thread.sleep(settings.leasePoll().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }
}
