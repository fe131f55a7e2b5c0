/**
 * Local infrastructure for the CLI, the demo and the tests: Azurite, the Azure Storage emulator, installed from npm
 * and run as a child process. Entry point: {@link io.entrasync.local.AzuriteProcess}.
 */
package io.entrasync.local;
