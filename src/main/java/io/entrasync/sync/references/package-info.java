/**
 * References between records of one HR API source: a field that names another record by a key the mapping does not
 * send (SCIM {@code manager.value} = the manager's {@code id}) is translated to that record's id field, from the
 * whole read and from an index kept with the source's state, before the spool reaches the mapping. A record whose
 * reference names no known record is rejected and waits ({@link io.entrasync.sync.references.WaitingRecords}) until
 * a later read makes it known. Entry point: {@link io.entrasync.sync.references.ReadReferences}.
 */
package io.entrasync.sync.references;
