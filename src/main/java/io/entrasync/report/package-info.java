/**
 * The run reports a person reads: {@code <file>.report.json} and {@code <file>.results.csv}, one line per input
 * record with its outcome. Entry point: {@link io.entrasync.report.RunReport}.
 */
package io.entrasync.report;
