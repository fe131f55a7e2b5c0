/**
 * Delta sync: what an extract sends against its source's snapshot (created, updated, unchanged, re-sent), leavers of
 * complete extracts disabled with their last full record, and the mass-change guard that holds a run for approval.
 * Entry point: {@link io.entrasync.delta.DeltaRuns}, which opens the {@link io.entrasync.delta.DeltaRun} of an
 * extract.
 */
package io.entrasync.delta;
