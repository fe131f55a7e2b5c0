/**
 * Streams the records of an HR extract (CSV with the dialects HR systems export, XLSX, the JSON-lines spool of an
 * API read) one at a time, never the whole file in memory; a broken row is a record-level error with its line.
 * Entry point: {@link io.entrasync.source.ExtractReader}, opened on an {@link io.entrasync.source.ExtractInput}.
 */
package io.entrasync.source;
