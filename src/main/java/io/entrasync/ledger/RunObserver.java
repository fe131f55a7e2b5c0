package io.entrasync.ledger;

import java.util.List;

import io.entrasync.scim.ScimUser;
import io.entrasync.upload.AcceptedCall;

/**
 * Told about every bulkUpload call of a run that the service accepted, before the run's checkpoint moves past it.
 * An exception stops the run (a send that is not in the ledger could never be reconciled).
 */
@FunctionalInterface
public interface RunObserver {

    /**
     * @param run the run and its report location
     * @param call the accepted call
     * @param users the users of the call, in operation order (the call's batch)
     */
    void accepted(LedgerRun run, AcceptedCall call, List<ScimUser> users);

    RunObserver NONE = (run, call, users) -> {
    };
}
