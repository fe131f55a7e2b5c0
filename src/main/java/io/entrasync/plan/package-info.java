/**
 * Decides the order and packing of what is sent: one record per externalId, managers before their reports (cycles
 * broken and reported), full batches of 50. Entry point: {@link io.entrasync.plan.UploadPlan}.
 */
package io.entrasync.plan;
