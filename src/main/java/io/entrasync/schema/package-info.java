/**
 * The job schema against the mapping: which attribute the mapping sends will flow to Entra ID and which the service
 * will drop without a word (it answers 202 either way), checked at the start of every run, and the missing
 * custom-namespace attributes added on request. Entry point: {@link io.entrasync.schema.SchemaService}.
 */
package io.entrasync.schema;
