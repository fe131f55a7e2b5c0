/**
 * The command-line door: picocli commands over the pipeline (validate, preview, upload, drop, plan, approve, sync,
 * reconcile, status, run, emulator, demo). Commands parse options, call one pipeline entry point and print; they
 * hold no business logic. Entry point: {@link io.entrasync.cli.EntraInboundSyncCommand}.
 */
package io.entrasync.cli;
