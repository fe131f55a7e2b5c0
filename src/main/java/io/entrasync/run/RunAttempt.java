package io.entrasync.run;

import java.nio.file.Path;

import io.entrasync.delta.DeltaRun;
import io.entrasync.plan.UnsentManagers;
import io.entrasync.report.RunReport;
import io.entrasync.trail.TrailRecorder;

/**
 * One attempt at one extract, as {@link ExtractRun}'s stages share it: the extract and its files, and what the
 * attempt opened before reading (the delta against the snapshot, the people's trail, the schema check's result).
 *
 * @param folder {@code <source>/<runId>/<file>}, the reports' name under processed/
 * @param local the downloaded extract
 * @param resultsFile the results.csv being written
 */
record RunAttempt(InboundFile file, String folder, Path local, Path resultsFile, DeltaRun delta,
        TrailRecorder trail, RunReport.Schema schema, UnsentManagers managers) {
}
