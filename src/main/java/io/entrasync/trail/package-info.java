/**
 * A person's trail across every run of a source ("what happened to this person?"): each extract run and each
 * reconciliation pass appends one segment blob of events for the people it touched ({@link TrailLog}); compaction
 * folds segments into a fixed number of shards keyed by the externalId and drops events past the retention
 * ({@link TrailCompactor}); {@link PersonTrail} reads one person's events back for the {@code trace} command.
 */
package io.entrasync.trail;
