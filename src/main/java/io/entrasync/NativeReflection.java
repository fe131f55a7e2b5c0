package io.entrasync;

import io.entrasync.delta.DeltaRunRecord;
import io.entrasync.delta.DueRecords;
import io.entrasync.delta.FailedMark;
import io.entrasync.delta.SnapshotManifest;
import io.entrasync.job.JobList;
import io.entrasync.job.SynchronizationJob;
import io.entrasync.ledger.LedgerCall;
import io.entrasync.ledger.LedgerRecord;
import io.entrasync.ledger.LedgerRun;
import io.entrasync.plan.RecordRef;
import io.entrasync.reconcile.RecordState;
import io.entrasync.reconcile.RunState;
import io.entrasync.report.RecordOutcome;
import io.entrasync.report.RunReport;
import io.entrasync.run.FileRunState;
import io.entrasync.sync.SyncState;
import io.entrasync.trail.Trace;
import io.entrasync.trail.TrailEvent;
import io.entrasync.upload.AcceptedCall;
import io.entrasync.upload.UploadCheckpoints;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one list of the types Jackson binds by reflection (stored state, ledgers, reports), registered so a native
 * image keeps their constructors, fields and accessors. {@code NativeReflectionTest} finds the Jackson-bound types in
 * the code and fails naming any that is missing here. (The custom-handler payloads carry their own
 * {@code @RegisterForReflection}.)
 */
@RegisterForReflection(targets = {
        DeltaRunRecord.class,
        DueRecords.Due.class,
        DueRecords.Stored.class,
        FailedMark.class,
        SnapshotManifest.class,
        JobList.class,
        SynchronizationJob.class,
        SynchronizationJob.Execution.class,
        SynchronizationJob.Quarantine.class,
        SynchronizationJob.Schedule.class,
        SynchronizationJob.ServiceError.class,
        SynchronizationJob.Status.class,
        LedgerCall.class,
        LedgerRecord.class,
        LedgerRun.class,
        RecordRef.class,
        RecordState.class,
        RecordState.Status.class,
        RunState.class,
        RecordOutcome.class,
        RunReport.class,
        RunReport.Calls.class,
        RunReport.DroppedAttribute.class,
        RunReport.Plan.class,
        RunReport.Quota.class,
        RunReport.Records.class,
        RunReport.Rejected.class,
        RunReport.Schema.class,
        FileRunState.class,
        FileRunState.CallRecord.class,
        FileRunState.Status.class,
        Trace.class,
        Trace.Change.class,
        Trace.Entry.class,
        Trace.Standing.class,
        TrailEvent.class,
        SyncState.class,
        SyncState.Pending.class,
        SyncState.Circuit.class,
        AcceptedCall.class,
        UploadCheckpoints.Saved.class,
}, classNames = {
        // package-private: named, as the annotation cannot reach the class
        "io.entrasync.reconcile.ReconcileStore$Watermarks",
        "io.entrasync.reconcile.ReconcileStore$JobClaims",
        "io.entrasync.reconcile.ReconcileStore$Claim",
        "io.entrasync.reconcile.ProvisioningLogPage",
        "io.entrasync.run.WaitingRuns$Waiting",
        "io.entrasync.run.WaitingRuns$Reason",
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
