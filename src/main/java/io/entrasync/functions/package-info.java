/**
 * The Azure Functions door (Java worker): one small class per trigger, each handing its event to one pipeline entry
 * point and failing the invocation only where a retry helps. No business logic lives here.
 */
package io.entrasync.functions;
