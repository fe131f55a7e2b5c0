/**
 * A source's provisioning job in Microsoft Graph (the synchronization API, not bulkUpload): read the job and its
 * schema, start, pause and restart it, through a typed Quarkus REST client
 * ({@link io.entrasync.job.SynchronizationApi}), with Graph's retries and errors that say what to do. Entry point:
 * {@link io.entrasync.job.GraphJobClient}, built per
 * source by {@link io.entrasync.job.JobClients}.
 */
package io.entrasync.job;
