/**
 * A local stand-in for the Microsoft Graph provisioning service (bulkUpload, provisioning logs, the job, token
 * endpoints), written to Microsoft's published contract and samples, with its own parser so that it is an
 * independent test oracle; the pipeline never imports it. Entry point:
 * {@link io.entrasync.emulator.ProvisioningEmulator}.
 */
package io.entrasync.emulator;
