package io.entrasync.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.entrasync.delta.DeltaRun;
import io.entrasync.delta.DeltaRuns;
import io.entrasync.delta.DeltaSettings;
import io.entrasync.delta.DueRecords;
import io.entrasync.ledger.LedgerRun;
import io.entrasync.ledger.RunObserver;
import io.entrasync.mapping.MappingException;
import io.entrasync.plan.RecordRef;
import io.entrasync.plan.UnsentManagers;
import io.entrasync.plan.UploadPlan;
import io.entrasync.report.RecordOutcome;
import io.entrasync.report.ResultLine;
import io.entrasync.report.ResultsCsvWriter;
import io.entrasync.report.RunReport;
import io.entrasync.scim.ScimUser;
import io.entrasync.run.FileRunResult.Outcome;
import io.entrasync.run.FileRunState.CallRecord;
import io.entrasync.run.FileRunState.Status;
import io.entrasync.source.ExtractException;
import io.entrasync.source.ExtractFormat;
import io.entrasync.state.StateStore;
import io.entrasync.trail.RunTrails;
import io.entrasync.trail.TrailRecorder;
import io.entrasync.source.ExtractInput;
import io.entrasync.upload.AcceptedCall;
import io.entrasync.upload.RecordFailure;
import io.entrasync.upload.UploadEngine;
import io.entrasync.upload.UploadListener;
import io.entrasync.upload.UploadResult;
import io.entrasync.validate.DirectoryCheck;
import io.entrasync.validate.ExtractOutcome;
import io.entrasync.validate.ExtractPipeline;
import io.entrasync.validate.ExtractSummary;
import io.entrasync.validate.GraphDirectoryCheck;
import io.entrasync.validate.ProgressListener;
import io.entrasync.validate.RejectedRecord;

/**
 * One attempt at one extract, under its source's lease: read, map and validate it, plan it, upload from the last
 * checkpoint, and write {@code <file>.results.csv} and {@code <file>.report.json}. Progress is saved after every
 * call, so an attempt killed at any point is resumed by the next one with at most the in-flight call sent again.
 */
public final class ExtractRun {

    private static final Logger LOG = Logger.getLogger(ExtractRun.class);
    /** File-name prefix of the API sync's spools read since a watermark: changes only, never a complete extract. */
    static final String CHANGES_ONLY_PREFIX = "api-delta-";
    /** File-name prefix of the records whose result changed on a date, written by {@link DueRuns}: changes only. */
    static final String DUE_PREFIX = "due-";

    private final DropZone zone;
    private final FileRunStore runs;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final RunObserver observer;
    private final DeltaRuns deltas;
    private final SchemaPreflight schemaPreflight;
    private final RunTrails trails;
    private final RunReports reports;

    /**
     * What a run consults besides the extract.
     *
     * @param deltas compares each extract with its source's snapshot (delta, leavers, mass-change guard)
     * @param schemaPreflight checks the mapping against the job's schema before anything is sent (issue 16)
     * @param trails keeps each person's trail (io.entrasync.trail); {@link RunTrails#NONE} keeps none
     */
    public record Consulted(DeltaRuns deltas, SchemaPreflight schemaPreflight, RunTrails trails) {
    }

    /** @param observer told of every accepted call before its checkpoint (the ledger) */
    public ExtractRun(DropZone zone, FileRunStore runs, ObjectMapper mapper, Clock clock, RunObserver observer,
            Consulted consulted) {
        this.zone = zone;
        this.runs = runs;
        this.mapper = mapper;
        this.clock = clock;
        this.observer = observer;
        this.deltas = consulted.deltas();
        this.schemaPreflight = consulted.schemaPreflight();
        this.trails = consulted.trails();
        this.reports = new RunReports(zone, mapper, clock);
    }

    /** True while the mass-change guard still holds the run (not approved, the snapshot unchanged since). */
    boolean stillHeld(String source, String runId) {
        return deltas.stillHeld(source, runId);
    }

    FileRunResult run(InboundFile file, SourceDefinition source, Path local, FileRunStore.Tracked start,
            UploadEngine engine, StateStore.Lease lease) {
        Path results = tempFile(".results.csv");
        try {
            return runWithResults(file, source, local, start, engine, results, lease);
        } finally {
            try {
                Files.deleteIfExists(results);
            } catch (IOException e) {
                LOG.warnf("Could not delete %s: %s", results, e.getMessage());
            }
        }
    }

    /** The run's stages: read and plan, then hold or send, then report and move the extract. */
    private FileRunResult runWithResults(InboundFile file, SourceDefinition source, Path local,
            FileRunStore.Tracked start, UploadEngine engine, Path resultsFile, StateStore.Lease lease) {
        FileRunState run = start.run();
        String folder = file.source() + "/" + run.runId() + "/" + file.fileName();
        if (deltas.stillHeld(file.source(), run.runId())) {
            runs.save(start, run.held(run.lastError()), file.fileName());
            return new FileRunResult(file.blobName(), Outcome.HELD, "still held by the mass-change guard; waiting for "
                    + "approval (see processed/" + folder + ".report.json)", Optional.empty(),
                    Optional.of(folder + ".report.json"));
        }
        RunAttempt attempt = open(file, source, run, folder, local, resultsFile);
        ExtractSummary summary;
        UploadResult result;
        UploadPlan planned;
        RunTally tally;
        FileRunStore.Tracked[] tracked = {start};
        try (ResultsCsvWriter results = new ResultsCsvWriter(outputStream(resultsFile), attempt.trail()::result)) {
            tally = new RunTally(results);
            UploadPlan.Builder plan = UploadPlan.builder(mapper);
            DueRecords.Found due = new DueRecords.Found();
            try {
                summary = read(attempt, source, plan, tally, due, GraphDirectoryCheck.forRun(source.directoryCheck(),
                        engine.graph(), source.upload().target().graphUrl(), mapper, source.name()));
            } catch (ExtractException | MappingException unusable) {
                return unusable(attempt, start, unusable.getMessage());
            }
            planned = completePlan(attempt, source, due, plan, tally);
            if (attempt.delta().guard(summary.recordsRead())) {
                holdAll(attempt, planned, tally);
                result = null;
            } else {
                result = send(attempt, source, planned, engine, tracked, lease, tally);
            }
        }
        if (result == null) {
            attempt.trail().finish("held");
            return held(attempt, tracked[0], summary, tally);
        }
        return finish(attempt, tracked[0], result, planned, summary, tally);
    }

    /** Checks the schema, then opens the extract's delta and its trail. */
    private RunAttempt open(InboundFile file, SourceDefinition source, FileRunState run, String folder, Path local,
            Path resultsFile) {
        RunReport.Schema schema = schemaPreflight.beforeRun(source);
        DeltaRun delta = deltas.open(file.source(), run.runId(), file.blobName(), deltaSettings(file, source),
                !run.calls().isEmpty());
        TrailRecorder trail = trails.open(file.source(), run.runId(), file.fileName(),
                source.delta().fullExtract() && !isChangesOnly(file));
        return new RunAttempt(file, folder, local, resultsFile, delta, trail, schema, new UnsentManagers());
    }

    /** Reads, maps and validates the extract: each record to the plan, or to results.csv as unchanged or rejected. */
    private ExtractSummary read(RunAttempt attempt, SourceDefinition source, UploadPlan.Builder plan, RunTally tally,
            DueRecords.Found due, DirectoryCheck directory) {
        InboundFile file = attempt.file();
        ExtractInput input = ExtractInput.ofFile(file.blobName(), attempt.local(), isDue(file)
                ? source.extractOptions().withFormat(ExtractFormat.JSONL) : source.extractOptions());
        DeltaRun delta = attempt.delta();
        return ExtractPipeline.process(input, source.mapping().at(clock),
                new ExtractPipeline.Unique(delta.claims(), directory), outcome -> {
            ExtractOutcome.ComingChange change = outcome.comingChange();
            due.add(outcome.externalId(), change == null ? null : change.at(),
                    change == null ? null : change.values());
            if (outcome instanceof ExtractOutcome.Valid valid && valid.held() != null) {
                delta.present(valid.externalId()); // held, not gone: never a leaver for it
                tally.write(new ResultLine(valid.position(), valid.externalId(), RecordOutcome.PRE_HIRE,
                        valid.held()));
            } else if (outcome instanceof ExtractOutcome.Valid valid) {
                DeltaRun.Decision decision = delta.classify(valid.user());
                if (decision.send()) {
                    attempt.trail().decided(valid.user(), decision.kind().name(), isDue(file)
                            ? DueRuns.cameDue(file.fileName()) + "; " + decision.detail() : decision.detail());
                    attempt.managers().sentWithManager(valid.user().managerExternalId().orElse(null));
                    plan.add(valid.user());
                } else {
                    tally.write(new ResultLine(valid.position(), valid.externalId(), RecordOutcome.UNCHANGED,
                            decision.detail()));
                }
            } else {
                RejectedRecord rejected = ((ExtractOutcome.Rejected) outcome).record();
                delta.present(rejected.externalId());
                attempt.managers().rejected(rejected.externalId(), rejected.describe());
                tally.rejected(rejected);
            }
        }, ProgressListener.NONE);
    }

    /** An extract that cannot be read or mapped: the run fails and the extract goes to failed/ with the reason. */
    private FileRunResult unusable(RunAttempt attempt, FileRunStore.Tracked start, String reason) {
        InboundFile file = attempt.file();
        FileRunState failed = start.run().with(Status.FAILED, reason, clock.instant());
        runs.save(start, failed, file.fileName());
        attempt.trail().finish("unusable");
        LOG.errorf("inbound/%s is unusable: %s", file.blobName(), reason);
        zone.moveToFailed(file.blobName(), reason);
        return FileRunResult.without(file.blobName(), Outcome.FAILED, reason);
    }

    /** Keeps the changes coming due, adds the leavers to the plan and lists the leavers still waiting. */
    private UploadPlan completePlan(RunAttempt attempt, SourceDefinition source, DueRecords.Found due,
            UploadPlan.Builder plan, RunTally tally) {
        DeltaRun delta = attempt.delta();
        if (source.mapping().dependsOnTime()) {
            deltas.due().update(attempt.file().source(), due);
        }
        for (ScimUser leaver : delta.leavers()) {
            attempt.trail().decided(leaver, "leaver", delta.sendNote(leaver.externalId()).orElse("leaver"));
            plan.add(leaver);
        }
        for (ResultLine waiting : delta.waitingLeaverLines()) {
            tally.write(waiting);
        }
        return plan.build();
    }

    /** The mass-change guard holds the run: every planned record is listed as held, nothing is sent. */
    private static void holdAll(RunAttempt attempt, UploadPlan planned, RunTally tally) {
        DeltaRun delta = attempt.delta();
        for (RecordRef record : planned.recordsFrom(0)) {
            tally.write(new ResultLine(record.sourcePosition(), record.externalId(), RecordOutcome.HELD,
                    delta.sendNote(record.externalId()).map(leaver -> leaver + "; ").orElse("")
                            + "not sent: the run is held (" + String.join("; ", delta.holdReasons()) + ")"));
        }
    }

    /** Lists the calls of earlier attempts, then uploads the batches not yet done, saving progress after each call. */
    private UploadResult send(RunAttempt attempt, SourceDefinition source, UploadPlan planned, UploadEngine engine,
            FileRunStore.Tracked[] tracked, StateStore.Lease lease, RunTally tally) {
        FileRunState run = tracked[0].run();
        DeltaRun delta = attempt.delta();
        for (CallRecord call : run.calls()) {
            RecordOutcome outcome = call.accepted() ? RecordOutcome.ACCEPTED : RecordOutcome.FAILED;
            for (RecordRef record : planned.batch(call.batchIndex()).records()) {
                tally.write(new ResultLine(record.sourcePosition(), record.externalId(), outcome,
                        withNote(delta, record.externalId(), call.detail() + " (attempt before this one)")));
            }
        }
        InboundFile file = attempt.file();
        UploadResult result = engine.upload(planned, run.doneBatches(), checkpointing(tracked, file, planned,
                new LedgerRun(file.source(), run.runId(), attempt.folder(), source.upload().target().jobId(),
                        source.mapping().ruleOrigins(), attempt.managers().notSent()), lease));
        for (ResultLine line : result.resultLines()) {
            tally.write(new ResultLine(line.position(), line.externalId(), line.outcome(),
                    withNote(delta, line.externalId(), line.detail())));
        }
        return result;
    }

    /** Commits the delta, publishes the reports, and ends the run as the upload stopped. */
    private FileRunResult finish(RunAttempt attempt, FileRunStore.Tracked tracked, UploadResult result,
            UploadPlan planned, ExtractSummary summary, RunTally tally) {
        FileRunState run = tracked.run();
        Status status = switch (result.stop()) {
            case COMPLETED -> Status.COMPLETED;
            case QUOTA_EXHAUSTED -> Status.DEFERRED;
            case TOO_MANY_REJECTIONS -> Status.FAILED;
            default -> Status.RUNNING;
        };
        DeltaRun delta = attempt.delta();
        delta.commit(planned, run.calls().stream().filter(CallRecord::accepted).map(CallRecord::batchIndex).toList(),
                status == Status.COMPLETED, status == Status.COMPLETED || status == Status.FAILED);
        RunReport report = reports.sent(attempt, run, status, result, summary, tally);
        String folder = attempt.folder();
        reports.publish(folder, report, attempt.resultsFile());
        attempt.trail().finish(status.name().toLowerCase(Locale.ROOT));
        InboundFile file = attempt.file();
        Optional<String> reportName = Optional.of(folder + ".report.json");
        switch (status) {
            case COMPLETED -> {
                zone.moveToProcessed(file.blobName(), attempt.local(), folder);
                runs.save(tracked, run.with(Status.COMPLETED, "", clock.instant()), file.fileName());
                return new FileRunResult(file.blobName(), Outcome.PROCESSED, report.detail(), Optional.of(report),
                        reportName);
            }
            case DEFERRED -> {
                runs.save(tracked, run.deferred(result.stopDetail()), file.fileName());
                return new FileRunResult(file.blobName(), Outcome.DEFERRED, result.stopDetail(), Optional.of(report),
                        reportName);
            }
            case FAILED -> {
                runs.save(tracked, run.with(Status.FAILED, result.stopDetail(), clock.instant()), file.fileName());
                zone.moveToFailed(file.blobName(), result.stopDetail() + " Report: processed/" + folder
                        + ".report.json");
                return new FileRunResult(file.blobName(), Outcome.FAILED, result.stopDetail(), Optional.of(report),
                        reportName);
            }
            default -> {
                runs.save(tracked, run.with(Status.RUNNING, result.stopDetail(), null), file.fileName());
                return new FileRunResult(file.blobName(), Outcome.RETRY_LATER, result.stopDetail(),
                        Optional.of(report), reportName);
            }
        }
    }

    /** A run the mass-change guard held: its plan is in the report, nothing was sent, the extract stays in inbound. */
    private FileRunResult held(RunAttempt attempt, FileRunStore.Tracked tracked, ExtractSummary summary,
            RunTally tally) {
        FileRunState run = tracked.run();
        InboundFile file = attempt.file();
        DeltaRun delta = attempt.delta();
        String folder = attempt.folder();
        String reason = "held by the mass-change guard: " + String.join("; ", delta.holdReasons());
        RunReport report = reports.held(attempt, run, reason, summary, tally);
        reports.publish(folder, report, attempt.resultsFile());
        runs.save(tracked, run.held(reason), file.fileName());
        LOG.warnf("run %s of %s is HELD, nothing was sent: %s. %s", run.runId(), file.blobName(), reason,
                delta.summary().approval());
        return new FileRunResult(file.blobName(), Outcome.HELD, reason + ". " + delta.summary().approval(),
                Optional.of(report), Optional.of(folder + ".report.json"));
    }

    /** An HR API read since a watermark ({@code api-delta-…} spool, io.entrasync.sync) holds only changes. */
    private static DeltaSettings deltaSettings(InboundFile file, SourceDefinition source) {
        return isChangesOnly(file) ? source.delta().forChangesOnly() : source.delta();
    }

    private static boolean isChangesOnly(InboundFile file) {
        return file.fileName().startsWith(CHANGES_ONLY_PREFIX) || isDue(file);
    }

    private static boolean isDue(InboundFile file) {
        return file.fileName().startsWith(DUE_PREFIX);
    }

    private static String withNote(DeltaRun delta, String externalId, String detail) {
        return delta.sendNote(externalId).map(leaver -> leaver + "; " + detail).orElse(detail);
    }

    /**
     * Saves progress after every call (the set of finished batches: the resume point of a killed attempt), and stops
     * the upload before its next call once the source's lease is lost.
     */
    private UploadListener checkpointing(FileRunStore.Tracked[] tracked, InboundFile file, UploadPlan planned,
            LedgerRun ledgerRun, StateStore.Lease lease) {
        int batchCount = planned.batchCount();
        return new UploadListener() {
            @Override
            public Optional<String> leaseLostReason() {
                return lease.lostReason();
            }

            @Override
            public void onAccepted(AcceptedCall call) {
                observer.accepted(ledgerRun, call, planned.batch(call.batchIndex()).users());
                String detail = "sent in call " + (call.batchIndex() + 1) + " of " + batchCount + " (bulkId "
                        + call.bulkIdPrefix() + "-n), accepted " + call.acceptedAt();
                tracked[0] = runs.save(tracked[0], tracked[0].run().withCall(new CallRecord(call.batchIndex(), true,
                        detail)), file.fileName());
            }

            @Override
            public void onRejected(int batchIndex, List<RecordFailure> failures) {
                String reason = failures.isEmpty() ? "refused" : failures.get(0).reason();
                tracked[0] = runs.save(tracked[0], tracked[0].run().withCall(new CallRecord(batchIndex, false,
                        reason)), file.fileName());
            }
        };
    }

    private static OutputStream outputStream(Path file) {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempFile(String suffix) {
        try {
            return Files.createTempFile("run-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
