/**
 * The Azure Functions custom-handler door, the way the Functions host runs a native executable: a small web server
 * ({@link io.entrasync.functions.customhandler.CustomHandlerServer}) answering the host's invocation requests by
 * calling the same pipeline entry points as the Java-worker functions
 * ({@link io.entrasync.functions.customhandler.CustomHandlerFunctions}). No business logic.
 */
package io.entrasync.functions.customhandler;
