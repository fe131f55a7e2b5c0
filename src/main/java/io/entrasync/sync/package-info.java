/**
 * Scheduled syncs of HR API sources: read what changed since the watermark into a spool, run the spool through the
 * same processor as a dropped file, and advance the watermark only when the run completed. Entry point:
 * {@link io.entrasync.sync.ApiSyncRunner}.
 */
package io.entrasync.sync;
