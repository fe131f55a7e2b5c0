/**
 * Drop-a-file runs: an extract that lands in the inbound container is routed to its source, planned, uploaded
 * with checkpoints (a killed run resumes), and moved to processed/ or failed/ with its reports. Entry point:
 * {@link io.entrasync.run.InboundFileProcessor}.
 */
package io.entrasync.run;
