/**
 * The provisioning service's published contract as plain constants: its documented limits (calls per window, daily
 * quota, operations per call, log-API pacing, log retention) and this client's default timeouts. Entry point:
 * {@link io.entrasync.contract.ServiceLimits}; the config defaults, the upload engine, the reconciler and the emulator
 * all read their numbers from it.
 */
package io.entrasync.contract;
