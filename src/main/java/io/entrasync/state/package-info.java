/**
 * All state in Azure Blob Storage behind one small interface: ETag-guarded writes for optimistic concurrency and a
 * lease per source while a run is active; Azurite locally. Entry point: {@link io.entrasync.state.StateStore}.
 */
package io.entrasync.state;
