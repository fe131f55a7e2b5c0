/**
 * The only code that calls bulkUpload: batches sent paced to the service's window, within the tenant's daily quota,
 * retried on throttling, each accepted call reported before the checkpoint moves. Entry point:
 * {@link io.entrasync.upload.UploadEngine}, built per source by {@link io.entrasync.upload.UploadEngines}.
 */
package io.entrasync.upload;
