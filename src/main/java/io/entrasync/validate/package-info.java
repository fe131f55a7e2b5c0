/**
 * Reads, maps and validates a whole extract: two passes so that every record of a shared externalId is rejected
 * naming the others' lines, exactly one outcome per input record, the rejected.csv for people. Entry point:
 * {@link io.entrasync.validate.ExtractPipeline}.
 */
package io.entrasync.validate;
