/**
 * Reads the provisioning logs of each job, gives every sent record the service's verdict, re-sends what a re-send
 * can fix, and completes the run's reports. Entry point: {@link io.entrasync.reconcile.Reconciler}.
 */
package io.entrasync.reconcile;
