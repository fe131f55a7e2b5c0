/**
 * Turns a source record into a SCIM user by a declarative mapping file (columns, CEL expressions, lookups, dates,
 * custom namespaces), checked when it is loaded; a record that cannot be mapped is a rejection with its reason.
 * Entry point: {@link io.entrasync.mapping.MappingLoader}, which yields a {@link io.entrasync.mapping.Mapping}.
 */
package io.entrasync.mapping;
