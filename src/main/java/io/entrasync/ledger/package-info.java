/**
 * What was sent, when and in which run: one blob per accepted bulkUpload call with each record as sent, the source
 * of truth that reconciliation matches the provisioning logs against. Entry point:
 * {@link io.entrasync.ledger.Ledger}.
 */
package io.entrasync.ledger;
